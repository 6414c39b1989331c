package indexer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	rightsearch "github.com/rightsearch/rightsearch"
)

// MaxLineBytes bounds one JSONL line; a longer line is reported and skipped.
const MaxLineBytes = 64 << 20

// LineError is a skipped import line and why.
type LineError struct {
	Line   int
	Reason string
}

func (e LineError) String() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// ImportStats counts an import's progress.
type ImportStats struct {
	Lines    int
	Imported int
	Bytes    int64
	Skipped  []LineError
}

// Import streams JSONL from r, one Document a line, handing them to sink
// in batches of batchSize, so memory does not grow with the input. Bad
// lines are skipped and reported; progress (if not nil) is called after
// each batch.
func Import(ctx context.Context, r io.Reader, batchSize int, sink func(context.Context, []rightsearch.Document) error, progress func(ImportStats)) (ImportStats, error) {
	var st ImportStats
	br := bufio.NewReaderSize(r, 1<<20)
	batch := make([]rightsearch.Document, 0, batchSize)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := sink(ctx, batch); err != nil {
			return fmt.Errorf("import at line %d: %w", st.Lines, err)
		}
		st.Imported += len(batch)
		batch = batch[:0]
		if progress != nil {
			progress(st)
		}
		return nil
	}
	for {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		line, tooLong, err := readLine(br)
		if len(line) > 0 || tooLong || err == nil {
			st.Lines++
			st.Bytes += int64(len(line)) + 1
		}
		if tooLong {
			st.Skipped = append(st.Skipped, LineError{st.Lines, fmt.Sprintf("line longer than %d bytes", MaxLineBytes)})
		} else if len(bytes.TrimSpace(line)) > 0 {
			d, perr := parseLine(line)
			if perr != nil {
				st.Skipped = append(st.Skipped, LineError{st.Lines, perr.Error()})
			} else {
				batch = append(batch, d)
			}
		}
		if len(batch) >= batchSize {
			if ferr := flush(); ferr != nil {
				return st, ferr
			}
		}
		if errors.Is(err, io.EOF) {
			return st, flush()
		}
		if err != nil {
			return st, fmt.Errorf("import: read line %d: %w", st.Lines+1, err)
		}
	}
}

// readLine reads one line without its newline. A line over MaxLineBytes is
// consumed and reported as tooLong.
func readLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > MaxLineBytes {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), tooLong, err
	}
}

func parseLine(line []byte) (rightsearch.Document, error) {
	var d rightsearch.Document
	if err := json.Unmarshal(line, &d); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return d, fmt.Errorf("invalid JSON at byte %d: %v", se.Offset, se)
		}
		return d, fmt.Errorf("invalid document: %v", err)
	}
	if err := d.Normalize(); err != nil {
		return d, err
	}
	if d.Provenance == nil {
		d.Provenance = &rightsearch.Provenance{Source: rightsearch.SourceImport}
	}
	return d, nil
}
