package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"time"
)

// serveFirstQuery starts `rightsearch serve` on an existing data directory
// (on a free loopback port) and times its first answered search.
func serveFirstQuery(ctx context.Context, bin, data, logPath string) (float64, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return 0, fmt.Errorf("serve: %w", err)
	}
	defer logf.Close()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	start := time.Now()
	cmd := exec.CommandContext(ctx, bin, "serve", "--addr", "127.0.0.1:0", "--data", data)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return 0, fmt.Errorf("serve: %w", err)
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}()
	for ctx.Err() == nil {
		if url, ok := serveURL(data); ok && answers(ctx, url+"/api/search?q=economy") {
			return float64(time.Since(start).Microseconds()) / 1000, nil
		}
		time.Sleep(2 * time.Millisecond)
	}
	return 0, fmt.Errorf("serve: no answer: %w", ctx.Err())
}

func serveURL(data string) (string, bool) {
	b, err := os.ReadFile(filepath.Join(data, "serve.json"))
	if err != nil {
		return "", false
	}
	var ai struct {
		URL string `json:"url"`
	}
	if json.Unmarshal(b, &ai) != nil || ai.URL == "" {
		return "", false
	}
	return ai.URL, true
}

func answers(ctx context.Context, url string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return resp.StatusCode == http.StatusOK
}

// cpuProfile starts a CPU profile named name in dir (nothing when dir is
// empty); the returned func stops it.
func cpuProfile(dir, name string) (func(), error) {
	if dir == "" {
		return func() {}, nil
	}
	f, err := os.Create(filepath.Join(dir, name+".cpu.pprof"))
	if err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
