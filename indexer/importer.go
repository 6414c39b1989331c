package indexer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync/atomic"

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
//
// While the sink indexes one batch, the next is read and parsed, so at most
// two batches (each at most batchSize documents and MaxBatchBytes of text)
// are held at once.
func Import(ctx context.Context, r io.Reader, batchSize int, sink func(context.Context, []rightsearch.Document) error, progress func(ImportStats)) (ImportStats, error) {
	var st ImportStats
	br := bufio.NewReaderSize(r, 1<<20)
	batch := make([]rightsearch.Document, 0, batchSize)
	batchBytes := 0
	p := newPipe(ctx, sink)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := p.send(batch, st.Lines); err != nil {
			return err
		}
		batch, batchBytes = make([]rightsearch.Document, 0, batchSize), 0
		if progress != nil {
			st.Imported = int(p.imported.Load())
			progress(st)
		}
		return nil
	}
	err := func() error {
		for {
			if err := ctx.Err(); err != nil {
				return err
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
					batchBytes += len(line)
				}
			}
			if len(batch) >= batchSize || batchBytes >= MaxBatchBytes {
				if ferr := flush(); ferr != nil {
					return ferr
				}
			}
			if errors.Is(err, io.EOF) {
				return flush()
			}
			if err != nil {
				return fmt.Errorf("import: read line %d: %w", st.Lines+1, err)
			}
		}
	}()
	if perr := p.close(); err == nil {
		err = perr
	}
	st.Imported = int(p.imported.Load())
	return st, err
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

// pipe runs the sink on its own goroutine, one batch behind the reader.
type pipe struct {
	ctx      context.Context
	in       chan pipeBatch
	done     chan error // the sink goroutine's end: nil, or the sink's error
	imported atomic.Int64
}

type pipeBatch struct {
	docs []rightsearch.Document
	line int
}

func newPipe(ctx context.Context, sink func(context.Context, []rightsearch.Document) error) *pipe {
	p := &pipe{ctx: ctx, in: make(chan pipeBatch), done: make(chan error, 1)}
	go func() {
		for b := range p.in {
			if err := sink(ctx, b.docs); err != nil {
				p.done <- fmt.Errorf("import at line %d: %w", b.line, err)
				return
			}
			p.imported.Add(int64(len(b.docs)))
		}
		p.done <- nil
	}()
	return p
}

// send hands a batch to the sink, waiting while it indexes the previous
// one. It returns the sink's error as soon as one is known.
func (p *pipe) send(docs []rightsearch.Document, line int) error {
	select {
	case p.in <- pipeBatch{docs, line}:
		return nil
	case err := <-p.done:
		p.done <- err // close returns it too
		return err
	case <-p.ctx.Done():
		return p.ctx.Err()
	}
}

// close waits for the last batch and returns the sink's error, if any.
func (p *pipe) close() error {
	close(p.in)
	return <-p.done
}
