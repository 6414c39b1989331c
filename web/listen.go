package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// addrFile is data/serve.json: where a running serve listens, so that the
// CLI's search and import can find it. Removed on exit.
const addrFile = "serve.json"

type addrInfo struct {
	URL string `json:"url"`
	PID int    `json:"pid"`
}

// Serve listens on addr and serves h until ctx ends, then shuts down
// gracefully: in-flight requests finish (up to 10 s). While it runs,
// data/serve.json names its address. ready, if not nil, receives the
// base URL once the listener is open.
func Serve(ctx context.Context, addr, dataDir string, h http.Handler, log *slog.Logger, ready func(url string)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	url := "http://" + ln.Addr().String()
	b, _ := json.Marshal(addrInfo{URL: url, PID: os.Getpid()})
	path := filepath.Join(dataDir, addrFile)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		ln.Close()
		return fmt.Errorf("serve: %w", err)
	}
	defer os.Remove(path)
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "url", url)
	if ready != nil {
		ready(url)
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// RunningServer returns the base URL of the serve that data/serve.json
// names, if it answers.
func RunningServer(ctx context.Context, dataDir string) (string, bool) {
	b, err := os.ReadFile(filepath.Join(dataDir, addrFile))
	if err != nil {
		return "", false
	}
	var ai addrInfo
	if json.Unmarshal(b, &ai) != nil || ai.URL == "" {
		return "", false
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ai.URL+"/healthz", nil)
	if err != nil {
		return "", false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", false
	}
	resp.Body.Close()
	return ai.URL, resp.StatusCode == http.StatusOK
}
