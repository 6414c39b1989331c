package reliability

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rightsearch/rightsearch/internal/testutil"
)

// TestGracefulShutdown sends SIGTERM to `rightsearch serve` while a slow
// request (a CSV export of every document, read by a slow client) is in
// flight: the request must complete with 200 and all its rows, the process
// must exit 0, and data/serve.json must be gone.
func TestGracefulShutdown(t *testing.T) {
	ctx := context.Background()
	data, file := t.TempDir(), filepath.Join(t.TempDir(), "corpus.jsonl")
	writeCorpus(t, file, 2000, 200) // long bodies: an export of them takes a while
	runCLI(ctx, t, "import", "--data", data, file)

	srv := startServe(t, data)
	base := srv.waitURL(t)
	var total int
	if err := getJSON(ctx, base+"/healthz", &struct {
		Documents *int `json:"documents"`
	}{&total}); err != nil {
		t.Fatal(err)
	}

	conn := slowConn(t, base)
	defer conn.Close()
	// The Host must be one a loopback server answers (DNS-rebinding check).
	host := strings.TrimPrefix(base, "http://")
	fmt.Fprintf(conn, "GET /api/search.csv?sort=date HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", host)
	waitInFlight(t, base, 2) // the export and the /metrics request asking
	sent := time.Now()
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the client reads late, as a slow one would

	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("read response after SIGTERM: %v\nstderr:\n%s", err, srv.stderr.String())
	}
	rows, err := csv.NewReader(resp.Body).ReadAll()
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || err != nil || len(rows) != total+1 {
		t.Fatalf("export during shutdown: status %d, %d rows (want %d and a header), err %v", resp.StatusCode, len(rows), total, err)
	}
	code := srv.wait(t, 15*time.Second)
	t.Logf("export of %d rows completed %v after SIGTERM; serve exited %d", total, time.Since(sent).Round(time.Millisecond), code)
	if code != 0 {
		t.Errorf("serve exited %d, want 0; stderr:\n%s", code, srv.stderr.String())
	}
	if _, err := os.Stat(filepath.Join(data, "serve.json")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("data/serve.json after exit: %v, want it removed", err)
	}
	// The server must have been shutting down while the export ran: its
	// access log line comes after "shutting down".
	log := srv.stderr.String()
	down := strings.Index(log, "shutting down")
	export := regexp.MustCompile(`msg=request .*path=/api/search.csv status=200`).FindStringIndex(log)
	if down < 0 || export == nil || export[0] < down {
		t.Errorf("the export did not finish after shutdown began; stderr:\n%s", log)
	}
}

// served is a `rightsearch serve` subprocess.
type served struct {
	cmd    *exec.Cmd
	data   string
	stderr *testutil.SyncBuffer
	done   chan struct{}
	err    error
}

func startServe(t *testing.T, data string) *served {
	t.Helper()
	s := &served{data: data, stderr: &testutil.SyncBuffer{}, done: make(chan struct{})}
	s.cmd = exec.Command(binary, "serve", "--addr", "127.0.0.1:0", "--data", data)
	s.cmd.Stderr = s.stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.err = s.cmd.Wait(); close(s.done) }()
	t.Cleanup(func() {
		if !s.exited() {
			s.cmd.Process.Kill()
			<-s.done
		}
	})
	return s
}

func (s *served) exited() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// waitURL waits for data/serve.json and returns the URL it names.
func (s *served) waitURL(t *testing.T) string {
	t.Helper()
	for start := time.Now(); time.Since(start) < 60*time.Second; time.Sleep(50 * time.Millisecond) {
		if s.exited() {
			t.Fatalf("serve exited: %v\n%s", s.err, s.stderr.String())
		}
		b, err := os.ReadFile(filepath.Join(s.data, "serve.json"))
		var info struct {
			URL string `json:"url"`
		}
		if err == nil && json.Unmarshal(b, &info) == nil && strings.HasPrefix(info.URL, "http://127.0.0.1:") {
			return info.URL
		}
	}
	t.Fatalf("no data/serve.json after 60 s\n%s", s.stderr.String())
	return ""
}

// wait returns the exit code, failing the test if the process outlives d.
func (s *served) wait(t *testing.T, d time.Duration) int {
	t.Helper()
	select {
	case <-s.done:
	case <-time.After(d):
		t.Fatalf("serve still running %v after SIGTERM\n%s", d, s.stderr.String())
	}
	var ee *exec.ExitError
	if errors.As(s.err, &ee) {
		return ee.ExitCode()
	}
	if s.err != nil {
		t.Fatal(s.err)
	}
	return 0
}

// slowConn dials base with a small receive buffer, so that a large
// answer cannot sit whole in the kernel while the client is not reading.
func slowConn(t *testing.T, base string) net.Conn {
	t.Helper()
	d := net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		var serr error
		err := c.Control(func(fd uintptr) {
			serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096)
		})
		return errors.Join(err, serr)
	}}
	conn, err := d.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	return conn
}

var inFlightRE = regexp.MustCompile(`(?m)^rightsearch_http_in_flight (\S+)$`)

// waitInFlight waits until /metrics reports at least n requests in flight.
func waitInFlight(t *testing.T, base string, n float64) {
	t.Helper()
	var last string
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(5 * time.Millisecond) {
		resp, err := http.Get(base + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if m := inFlightRE.FindSubmatch(b); m != nil {
			last = string(m[1])
			if v, _ := strconv.ParseFloat(last, 64); v >= n {
				return
			}
		}
	}
	t.Fatalf("in-flight gauge stayed at %q", last)
}

func getJSON(ctx context.Context, u string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: status %d", u, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}
