package bench

import (
	"fmt"

	rightsearch "github.com/rightsearch/rightsearch"
)

// Scale repeats docs until there are n: copy r (from 1) gets the id suffix
// -rN and its date moved r years back (undated stay undated), so the copies
// are new documents spread over more years rather than replacements.
func Scale(docs []rightsearch.Document, n int) []rightsearch.Document {
	if len(docs) == 0 {
		return nil
	}
	out := make([]rightsearch.Document, 0, n)
	for r := 0; len(out) < n; r++ {
		for _, d := range docs {
			if len(out) == n {
				break
			}
			if r > 0 {
				d.ID = fmt.Sprintf("%s-r%d", d.ID, r)
				if !d.Published.IsZero() && d.Published.Year > r {
					d.Published.Year -= r
					if d.Published.Month == 2 && d.Published.Day == 29 {
						d.Published.Day = 28
					}
				}
			}
			out = append(out, d)
		}
	}
	return out
}
