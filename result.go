package rightsearch

import "errors"

// ErrNotFound means no such document, target or archived copy.
var ErrNotFound = errors.New("not found")

// Response is what a search returns: the page of hits and the facets.
type Response struct {
	Total  uint64             `json:"total"`
	TookMS float64            `json:"took_ms"`
	Page   int                `json:"page"`
	Size   int                `json:"size"`
	Hits   []Hit              `json:"hits"`
	Facets map[string][]Facet `json:"facets"`
	// Corrected maps each query word that was also searched as a target's
	// surname, as typed, to that surname (Kashoggi → Khashoggi); absent
	// when none was. Documents with the word as typed match too.
	Corrected map[string]string `json:"corrected,omitempty"`
}

// Hit is one matching document, with what a result list shows.
type Hit struct {
	ID           string   `json:"id"`
	Title        string   `json:"title"`
	URL          string   `json:"url,omitempty"`
	Organization string   `json:"organization,omitempty"`
	Type         string   `json:"type,omitempty"`
	Published    string   `json:"published,omitempty"`
	Language     string   `json:"language,omitempty"`
	Score        float64  `json:"score"`
	Snippets     []string `json:"snippets"`
	Pages        []int    `json:"pages,omitempty"`
	Targets      []string `json:"targets"`
	Countries    []string `json:"countries"`
	// Values holds the hit's values of each facet that has no field of
	// its own above (spyware, and any facet added to the registry).
	Values map[string][]string `json:"values,omitempty"`
}

// Facet is one value of a facet and how many hits have it.
type Facet struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// TargetCount is a named target and how many documents name it.
type TargetCount struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Count   int      `json:"count"`
}

// TargetTimeline is a target with the documents that name it, oldest
// first (undated last).
type TargetTimeline struct {
	Name      string          `json:"name"`
	Aliases   []string        `json:"aliases"`
	Countries []string        `json:"countries"`
	Timeline  []TimelineEntry `json:"timeline"`
}

// TimelineEntry is one document on a target's timeline.
type TimelineEntry struct {
	ID           string `json:"id"`
	Title        string `json:"title"`
	Organization string `json:"organization,omitempty"`
	Type         string `json:"type,omitempty"`
	Published    string `json:"published,omitempty"`
}

// Health is what a running index reports of itself.
type Health struct {
	Documents  uint64 `json:"documents"`
	Generation string `json:"generation"`
}
