package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"

	rightsearch "github.com/rightsearch/rightsearch"

	"github.com/gorilla/mux"
)

// targetPage is the data of target.html.
type targetPage struct {
	layoutData
	T      *rightsearch.TargetTimeline
	Years  []timelineYear
	Search string // the search page filtered to this target
}

// timelineYear is one year's documents; undated ones come last.
type timelineYear struct {
	Year    string
	Entries []rightsearch.TimelineEntry
}

func (s *Server) pageTarget(w http.ResponseWriter, r *http.Request) {
	name := mux.Vars(r)["name"]
	tt, err := s.cfg.Engine.Timeline(r.Context(), name)
	if errors.Is(err, rightsearch.ErrNotFound) {
		s.renderNotFound(w, fmt.Sprintf("No target is named %q, and no document names it.", name))
		return
	}
	if err != nil {
		s.renderError(w, err)
		return
	}
	filter := url.Values{"target": {tt.Name}}
	feed := url.Values{"target": {tt.Name}}
	s.render(w, http.StatusOK, "target.html", targetPage{
		layoutData: layoutData{Title: tt.Name, Feed: "/api/search.atom?" + feed.Encode()},
		T:          tt, Years: byYear(tt.Timeline), Search: "/?" + filter.Encode(),
	})
}

// byYear groups a timeline (already oldest first, undated last) by year.
func byYear(entries []rightsearch.TimelineEntry) []timelineYear {
	var out []timelineYear
	for _, e := range entries {
		y := "Undated"
		if len(e.Published) >= 4 {
			y = e.Published[:4]
		}
		if n := len(out); n == 0 || out[n-1].Year != y {
			out = append(out, timelineYear{Year: y})
		}
		out[len(out)-1].Entries = append(out[len(out)-1].Entries, e)
	}
	return out
}
