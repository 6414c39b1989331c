package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/query"
)

// Remote runs r on the server at baseURL through /api/search, as the CLI
// does when a serve is running (it holds the index).
func Remote(ctx context.Context, baseURL string, r query.Request) (*rightsearch.Response, error) {
	u := strings.TrimRight(baseURL, "/") + "/api/search?" + r.Values().Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("search %s: %w", baseURL, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("search %s: %w", baseURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error apiError `json:"error"`
		}
		json.NewDecoder(resp.Body).Decode(&e)
		if resp.StatusCode == http.StatusBadRequest {
			return nil, fmt.Errorf("%w: %s", query.ErrInvalid, strings.TrimPrefix(e.Error.Message, query.ErrInvalid.Error()+": "))
		}
		return nil, fmt.Errorf("search %s: %s: %s", baseURL, resp.Status, e.Error.Message)
	}
	var out rightsearch.Response
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("search %s: %w", baseURL, err)
	}
	return &out, nil
}
