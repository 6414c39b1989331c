package search

import "context"

// Delete removes the document id from the store and the index at once and
// tombstones it, so no re-index brings it back (indexer.Index.Delete). An
// unknown id is an error wrapping rightsearch.ErrNotFound. The next
// search sees the index's new version, so no cached answer holds it.
func (s *Searcher) Delete(ctx context.Context, id string) error {
	_, err := s.ix.Delete(ctx, []string{id})
	return err
}
