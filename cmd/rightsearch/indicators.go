package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/indicators"
	"github.com/rightsearch/rightsearch/ingest"
	"github.com/rightsearch/rightsearch/web"
)

// listResult is what `indicators import` did with one file.
type listResult struct {
	File   string `json:"file"`
	Format string `json:"format,omitempty"`
	indicators.Change
	Skipped []string `json:"skipped,omitempty"` // entries of the list not read
	Error   string   `json:"error,omitempty"`   // the file was not imported
}

// listFacts are what the user knows of every list imported, over what
// the lists leave unsaid.
type listFacts struct {
	org, campaign, malware, report string
	published                      rightsearch.Date
}

func cmdIndicators(ctx context.Context, e env, args []string) error {
	fs, data := newFlags("indicators")
	var f listFacts
	org := fs.String("org", "", "`organization` that published the lists (when they do not say)")
	campaign := fs.String("campaign", "", "`campaign` of the entries that name none")
	malware := fs.String("malware", "", "`malware` of the entries that name none")
	report := fs.String("report", "", "`URL` or document id of the report the lists come with")
	published := fs.String("published", "", "publication `date` of the lists (YYYY, YYYY-MM or YYYY-MM-DD)")
	asJSON := fs.Bool("json", false, "print what was imported as JSON")
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 || pos[0] != "import" {
		return argErr(e, fs, "want: indicators import FILE... (STIX 2.1 bundle, MISP JSON or CSV, mvt-indicators YAML, domains.txt…)")
	}
	f.org, f.campaign, f.malware, f.report = strings.TrimSpace(*org), strings.TrimSpace(*campaign), strings.TrimSpace(*malware), strings.TrimSpace(*report)
	if *published != "" {
		if f.published, err = rightsearch.ParseDate(*published); err != nil {
			return argErr(e, fs, "--published: %v", err)
		}
	}
	indexer.LimitImportMemory()
	w, err := indexer.OpenWriter(ctx, indexOptions(e, *data, 0),
		func() bool { _, ok := web.RunningServer(ctx, *data); return ok })
	if err != nil {
		return err
	}
	defer w.Close()
	var results []listResult
	failed := 0
	for _, name := range pos[1:] {
		res, err := importList(ctx, w, *data, name, f)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			res.Error = err.Error()
			failed++
			e.log.Warn("indicator list not imported", "file", name, "err", err)
		}
		results = append(results, res)
	}
	if ferr := w.Flush(); ferr != nil {
		return ferr
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(results); err != nil {
			return err
		}
	} else {
		printLists(e.stdout, results, w.Queued())
	}
	if failed > 0 {
		return fmt.Errorf("indicators import: %d of %d files not imported (listed above); the others are", failed, len(results))
	}
	return nil
}

// importList reads one list, stores it (replacing its former version)
// and writes its document.
func importList(ctx context.Context, w *indexer.Writer, data, name string, f listFacts) (listResult, error) {
	res := listResult{File: name}
	body, err := os.ReadFile(name)
	if err != nil {
		return res, fmt.Errorf("read %s: %w", name, err)
	}
	p, err := indicators.ParseFile(name, body)
	if err != nil {
		return res, err
	}
	f.apply(&p)
	res.Format, res.Skipped = p.List.Format, p.Skipped
	if res.Change, err = indicators.Save(data, p.List); err != nil {
		return res, err
	}
	d := indicators.Document(p)
	d.Provenance = &rightsearch.Provenance{Source: rightsearch.SourceFile, Path: name, Size: int64(len(body)),
		SHA256: p.List.SHA256, ContentType: indicators.MediaType(p.List.Format), FetchedAt: time.Now().UTC()}
	// The list as published, for /api/documents/{id}/raw.
	if d.Provenance.Raw, err = ingest.NewRawStore(data).Put(body); err != nil {
		return res, fmt.Errorf("keep %s: %w", name, err)
	}
	if st, err := os.Stat(name); err == nil {
		d.Provenance.ModTime = st.ModTime().UTC()
	}
	if err := d.Normalize(); err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	if err := w.Put(ctx, []rightsearch.Document{d}); err != nil {
		return res, fmt.Errorf("index %s: %w", name, err)
	}
	return res, nil
}

func (f listFacts) apply(p *indicators.Parsed) {
	if f.org != "" {
		p.Publisher = f.org
	}
	if !f.published.IsZero() {
		p.List.Published = f.published
	}
	if f.report != "" && p.List.Report == "" {
		p.List.Report = f.report
	}
	for i := range p.List.Indicators {
		in := &p.List.Indicators[i]
		in.Campaign = firstSet(in.Campaign, f.campaign)
		in.Malware = firstSet(in.Malware, f.malware)
		in.Report = firstSet(in.Report, f.report)
	}
}

func firstSet(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// saveList is add's sink for the indicator lists it finds: each is
// stored as `indicators import` stores it, and what changed is said on
// out (standard error, so that add --json stays JSON).
func saveList(out io.Writer, data string) func(context.Context, rightsearch.IndicatorList) error {
	return func(_ context.Context, l rightsearch.IndicatorList) error {
		ch, err := indicators.Save(data, l)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%s: %s list %s, %d indicators, added %d, removed %d\n",
			l.Source, l.Format, l.ID, ch.Total, len(ch.Added), len(ch.Removed))
		return nil
	}
}

// printLists says, list by list, its format, size and what the import
// changed, then what it could not read.
func printLists(out io.Writer, results []listResult, queued bool) {
	where := "indexed"
	if queued {
		where = "stored and queued for the running server"
	}
	for _, r := range results {
		if r.Error != "" {
			fmt.Fprintf(out, "%s: not imported: %s\n", r.File, r.Error)
			continue
		}
		state := "replaced"
		if r.New {
			state = "new"
		}
		fmt.Fprintf(out, "%s: %s list %s (%s, %s), %d indicators, added %d, removed %d, skipped %d entries\n",
			r.File, r.Format, r.ListID, state, where, r.Total, len(r.Added), len(r.Removed), len(r.Skipped))
		if !r.New {
			printSome(out, "+ ", r.Added)
			printSome(out, "- ", r.Removed)
		}
		printSome(out, "skipped ", r.Skipped)
	}
}

func printSome(out io.Writer, prefix string, lines []string) {
	for i, l := range lines {
		if i == 20 {
			fmt.Fprintf(out, "  … and %d more\n", len(lines)-20)
			return
		}
		fmt.Fprintf(out, "  %s%s\n", prefix, l)
	}
}
