package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// popplerPath finds pdftotext on PATH.
func popplerPath() (string, bool) {
	p, err := exec.LookPath("pdftotext")
	return p, err == nil
}

// popplerExtract runs pdftotext, which ends every page with a form feed,
// and pdfinfo for the Info dictionary.
func popplerExtract(ctx context.Context, bin string, body []byte) (string, pdfMeta, error) {
	name, err := writeTemp(body)
	if err != nil {
		return "", pdfMeta{}, err
	}
	defer os.Remove(name)
	out, err := runPoppler(ctx, bin, "-enc", "UTF-8", "-eol", "unix", name, "-")
	if err != nil {
		return "", pdfMeta{}, err
	}
	text := strings.TrimRight(strings.ReplaceAll(string(out), "\r\n", "\n"), "\f\n ")
	meta := popplerInfo(ctx, filepath.Join(filepath.Dir(bin), "pdfinfo"), name)
	if meta == (pdfMeta{}) {
		// pdfinfo may be missing; the pure-Go reader can still read Info.
		meta = goInfo(body)
	}
	return tidyPages(text), meta, nil
}

func runPoppler(ctx context.Context, bin string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, popplerTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.WaitDelay = time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(bin), ctx.Err())
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if strings.Contains(msg, "Incorrect password") || strings.Contains(msg, "encrypted") {
			return nil, fmt.Errorf("%s: %s: %w", filepath.Base(bin), firstMsg(msg), ErrEncrypted)
		}
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return nil, fmt.Errorf("%s: %s: %w", filepath.Base(bin), firstMsg(msg), ErrMalformed)
		}
		return nil, fmt.Errorf("run %s: %w", filepath.Base(bin), err)
	}
	return stdout.Bytes(), nil
}

// firstMsg keeps the last line of poppler's complaints, which names the
// fatal one after a run of syntax warnings.
func firstMsg(msg string) string {
	lines := strings.Split(msg, "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// popplerInfo reads Title, Author and CreationDate from pdfinfo.
func popplerInfo(ctx context.Context, bin, name string) pdfMeta {
	if _, err := os.Stat(bin); err != nil {
		return pdfMeta{}
	}
	out, err := runPoppler(ctx, bin, "-enc", "UTF-8", "-rawdates", name)
	if err != nil {
		return pdfMeta{}
	}
	var m pdfMeta
	for _, l := range strings.Split(string(out), "\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch k {
		case "Title":
			m.title = v
		case "Author":
			m.author = v
		case "CreationDate":
			m.created, _ = pdfDate(v)
		}
	}
	return m
}
