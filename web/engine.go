package web

import (
	"context"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/query"
)

// Engine is what the web face asks of the search engine (search.Searcher
// implements it over a real index; handler tests may pass a small fake).
// Errors wrapping rightsearch.ErrNotFound are 404s, those wrapping
// query.ErrInvalid or query.ErrTooBroad 400s.
type Engine interface {
	Search(ctx context.Context, r query.Request) (*rightsearch.Response, error)
	Targets(ctx context.Context) ([]rightsearch.TargetCount, error)
	Timeline(ctx context.Context, name string) (*rightsearch.TargetTimeline, error)
	Document(ctx context.Context, id string) (rightsearch.Document, error)
	// Indicator is the documents mentioning an indicator and the
	// published lists carrying it; ListsCarrying the lists carrying any
	// of a document's indicators.
	Indicator(ctx context.Context, value string) (*rightsearch.IndicatorPage, error)
	ListsCarrying(ctx context.Context, values []string) ([]rightsearch.ListMatch, error)
	Health() rightsearch.Health
	// Facets is the facet registry requests are read with and answers
	// carry: the page's panels, the CSV's columns and the OpenAPI
	// document follow it.
	Facets() rightsearch.Facets
}
