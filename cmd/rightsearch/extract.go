package main

import (
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"os"
	"path/filepath"
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/crawl"
	"github.com/rightsearch/rightsearch/crawl/extract"
	"github.com/rightsearch/rightsearch/indexer/langid"
)

func cmdExtract(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("extract")
	allowPrivate := fs.Bool("allow-private", false, "allow fetching loopback and private addresses")
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return argErr(e, fs, "want one FILE or URL, got %d arguments", len(pos))
	}
	src := pos[0]
	var d rightsearch.Document
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		d, err = extractURL(ctx, e, src, *allowPrivate)
	} else {
		var b []byte
		if b, err = os.ReadFile(src); err != nil {
			return fmt.Errorf("extract: %w", err)
		}
		d, err = extract.Document(ctx, b, mime.TypeByExtension(filepath.Ext(src)), "")
	}
	if err != nil {
		return err
	}
	if d.Language == "" { // as the indexer would
		d.Language = langid.Detect(d.Title + "\n" + d.Body)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Title     string           `json:"title"`
		Body      string           `json:"body"`
		Published rightsearch.Date `json:"published,omitzero"`
		Authors   []string         `json:"authors"`
		Language  string           `json:"language,omitempty"`
		URL       string           `json:"url,omitempty"`
	}{d.Title, d.Body, d.Published, nonNil(d.Authors), d.Language, d.URL})
}

// extractURL fetches one URL through the crawler (robots, guard, caps)
// into a throw-away archive.
func extractURL(ctx context.Context, e env, u string, allowPrivate bool) (rightsearch.Document, error) {
	tmp, err := os.MkdirTemp("", "rightsearch-extract-")
	if err != nil {
		return rightsearch.Document{}, fmt.Errorf("extract: %w", err)
	}
	defer os.RemoveAll(tmp)
	c, err := crawl.New(crawl.Options{DataDir: tmp, AllowPrivate: allowPrivate, Logger: e.log})
	if err != nil {
		return rightsearch.Document{}, err
	}
	var got *rightsearch.Document
	sum, err := c.Run(ctx, []crawl.Seed{{URLs: []string{u}}}, func(_ context.Context, d rightsearch.Document) error {
		got = &d
		return nil
	})
	if err != nil {
		return rightsearch.Document{}, err
	}
	if got == nil {
		return rightsearch.Document{}, fmt.Errorf("extract %s: %s", u, strings.TrimSpace(sum.String()))
	}
	return *got, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
