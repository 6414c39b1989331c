package web

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rightsearch/rightsearch/query"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// screenshotDir is where the browser test leaves a PNG of each step, for
// people to look at (git-ignored).
const screenshotDir = "../screenshots"

// chromiumPath finds Debian's chromium, or skips the test.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	t.Skip("no chromium: install it with `apt-get install chromium` to run the browser test")
	return ""
}

// browser starts a headless Chromium that can reach loopback only: every
// host name fails to resolve except 127.0.0.1.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return bctx
}

// dialogWatch records every alert, confirm or prompt a page opens (and
// dismisses it so that the test does not hang).
type dialogWatch struct {
	mu   sync.Mutex
	msgs []string
}

func watchDialogs(ctx context.Context) *dialogWatch {
	w := &dialogWatch{}
	events := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			w.mu.Lock()
			w.msgs = append(w.msgs, ev.Message)
			w.mu.Unlock()
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	return w
}

func (w *dialogWatch) seen() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.msgs...)
}

// b wraps the browser context with the test's helpers.
type b struct {
	t    *testing.T
	ctx  context.Context
	base string
	step int
}

func (b *b) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// follow runs actions that load a new page and waits for it.
func (b *b) follow(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, actions...)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	if resp != nil && resp.Status != 200 {
		b.t.Fatalf("%s: status %d for %s", what, resp.Status, resp.URL)
	}
}

func (b *b) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.TextContent(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

func (b *b) eval(js string) int {
	b.t.Helper()
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](js))
	if err != nil {
		b.t.Fatalf("eval %s: %v", js, err)
	}
	return n
}

func (b *b) location() string {
	b.t.Helper()
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatal(err)
	}
	return loc
}

// shot saves the whole page as a numbered PNG.
func (b *b) shot(name string) { b.capture(name, chromedp.FullScreenshot(100)) }

// shotViewport saves what the screen shows, for a phone's long pages.
func (b *b) shotViewport(name string) { b.capture(name, chromedp.CaptureScreenshot()) }

func (b *b) capture(name string, action chromedp.Action[[]byte]) {
	b.t.Helper()
	b.step++
	png, err := chromedp.Run(b.ctx, action)
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(screenshotDir, fmt.Sprintf("web-%02d-%s.png", b.step, name))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// TestBrowser drives the pages in headless Chromium as a researcher would:
// search, tick a facet, open a document, follow a target, page through,
// and look at the hostile fixture, saving a screenshot of each step.
func TestBrowser(t *testing.T) {
	e := mustEnv(t)
	ctx := browser(t)
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	old, _ := filepath.Glob(filepath.Join(screenshotDir, "web-*.png"))
	for _, f := range old { // this test's shots from an earlier run
		os.Remove(f)
	}
	br := &b{t: t, ctx: ctx, base: e.srv.URL}
	dialogs := watchDialogs(ctx)

	// 1. Search for a target from the front page.
	br.follow("open front page", chromedp.Navigate(br.base+"/"))
	if n := br.eval(`document.querySelectorAll("ol.hits li.hit").length`); n != query.DefaultSize {
		t.Errorf("front page lists %d hits", n)
	}
	br.do("type query", chromedp.SendKeys(chromedp.CSS("#q"), "Mansoor"))
	br.follow("submit search", chromedp.Click(chromedp.CSS("#search button[type=submit]")))
	if loc := br.location(); !strings.Contains(loc, "q=Mansoor") {
		t.Fatalf("search went to %s", loc)
	}
	before := br.text(".count")
	hitsBefore := br.eval(`document.querySelectorAll("li.hit").length`)
	orgCount := br.text(`label[for="` + br.attr(`input[name=org][value="Citizen Lab"]`, "id") + `"] .n`)
	br.shot("search-mansoor")

	// 2. Tick an organization: with script on, the form submits itself.
	br.follow("tick Citizen Lab", chromedp.Click(chromedp.CSS(`input[name=org][value="Citizen Lab"]`)))
	if loc := br.location(); !strings.Contains(loc, "org=Citizen+Lab") {
		t.Fatalf("ticking went to %s", loc)
	}
	after := br.text(".count")
	hitsAfter := br.eval(`document.querySelectorAll("li.hit").length`)
	if after == before || strconv.Itoa(hitsAfter) != orgCount || hitsAfter >= hitsBefore {
		t.Errorf("after ticking: %q (%d hits), before %q (%d hits), facet said %s", after, hitsAfter, before, hitsBefore, orgCount)
	}
	if n := br.eval(`[...document.querySelectorAll("li.hit .meta span:first-child")].filter(s => s.textContent !== "Citizen Lab").length`); n != 0 {
		t.Errorf("%d hits from another organization", n)
	}
	if n := br.eval(`document.querySelector('input[name=org][value="Citizen Lab"]').checked ? 1 : 0`); n != 1 {
		t.Error("the ticked box is not ticked on the new page")
	}
	br.shot("facet-citizen-lab")

	// 3. Open the first document.
	title := br.text("li.hit h3 a")
	br.follow("open document", chromedp.Click(chromedp.CSS("li.hit h3 a")))
	if h1 := br.text("h1"); h1 != title {
		t.Errorf("document page h1 %q, link said %q", h1, title)
	}
	br.shot("document")

	// 4. Follow one of its targets to the timeline.
	target := br.text(`dl.facts a[href^="/targets/"]`)
	br.follow("open target", chromedp.Click(chromedp.CSS(`dl.facts a[href^="/targets/"]`)))
	if h1 := br.text("h1"); h1 != target {
		t.Errorf("target page h1 %q, link said %q", h1, target)
	}
	if n := br.eval(`document.querySelectorAll("ol.timeline li").length`); n == 0 {
		t.Error("empty timeline")
	}
	br.shot("target-timeline")

	// 5. Page through all documents.
	br.follow("all documents", chromedp.Navigate(br.base+"/?sort=-date"))
	first := br.text("li.hit h3 a")
	br.follow("next page", chromedp.Click(chromedp.CSS(`nav.pager a[rel=next]`)))
	if cur := br.text(`nav.pager a[aria-current=page]`); cur != "Page 2" {
		t.Errorf("current page %q", cur)
	}
	if br.text("li.hit h3 a") == first || !strings.HasPrefix(br.text(".count"), "Results 11–") {
		t.Errorf("page 2 shows %q", br.text(".count"))
	}
	br.shot("page-2")

	// 6. The hostile fixture: its markup is text, nothing runs.
	br.follow("hostile search", chromedp.Navigate(br.base+"/?q=quarantined"))
	if got := br.text("li.hit h3 a"); got != hostileTitle {
		t.Errorf("hostile title shows as %q", got)
	}
	if n := br.eval(`document.images.length + document.querySelectorAll("[onerror]").length + document.scripts.length`); n != 1 {
		t.Errorf("%d images, onerror attributes and scripts; want only app.js", n-1)
	}
	br.shot("hostile-results")
	br.follow("hostile document", chromedp.Click(chromedp.CSS("li.hit h3 a")))
	if got := br.text("h1"); got != hostileTitle {
		t.Errorf("hostile h1 shows as %q", got)
	}
	if n := br.eval(`document.images.length + document.scripts.length`); n != 1 {
		t.Errorf("document page has %d images and scripts; want only app.js", n)
	}
	br.shot("hostile-document")

	// 7. Without script, ticking and pressing Apply runs the same search.
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled,
		emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	br.follow("no-script search", chromedp.Navigate(br.base+"/?q=pegasus"))
	br.do("tick report", chromedp.Click(chromedp.CSS(`input[name=type][value="report"]`)))
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`aside button.nojs-only`)))
	if err != nil {
		t.Fatalf("apply filters without script: %v", err)
	}
	if u, _ := url.Parse(resp.URL); u.Query().Get("type") != "report" || u.Query().Get("q") != "pegasus" {
		t.Errorf("apply without script went to %s", resp.URL)
	}
	br.shot("no-script-filtered")
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled,
		emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
		t.Fatal(err)
	}

	// 8. A phone-sized screen.
	br.do("phone viewport", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)))
	br.follow("phone search", chromedp.Navigate(br.base+"/?q=pegasus"))
	if w := br.eval(`document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("page is %d px wide on a 390 px phone", w)
	}
	br.shotViewport("phone")

	if d := dialogs.seen(); len(d) > 0 {
		t.Errorf("dialogs opened: %q", d)
	}
}

func (b *b) attr(sel, name string) string {
	b.t.Helper()
	r, err := chromedp.Run(b.ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if err != nil {
		b.t.Fatalf("attribute %s of %s: %v", name, sel, err)
	}
	return r.Value
}

// TestBrowserSyntaxHelpAndCorrection: with script off, the header's
// "Search syntax" link opens the help (the browser reveals a <details>
// holding the link's target); a corrected search's "Search instead" link
// runs the exact words. Screenshots go beside TestBrowser's.
func TestBrowserSyntaxHelpAndCorrection(t *testing.T) {
	e := mustEnv(t)
	ctx := browser(t)
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	br := &b{t: t, ctx: ctx, base: e.srv.URL, step: 20}
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled,
		emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	br.follow("search Kashoggi", chromedp.Navigate(br.base+"/?q=Kashoggi"))
	if got := br.text("p.correction strong"); got != "Khashoggi" {
		t.Errorf("shows results for %q", got)
	}
	if n := br.eval(`document.querySelectorAll("li.hit").length`); n == 0 {
		t.Error("no hits for Kashoggi")
	}
	if n := br.eval(`document.querySelector("details.syntax").open ? 1 : 0`); n != 0 {
		t.Error("the help is open before it is asked for")
	}
	br.do("follow syntax link", chromedp.Click(chromedp.CSS("a.syntax-link")))
	if n := br.eval(`document.querySelector("details.syntax").open ? 1 : 0`); n != 1 {
		t.Error("following the syntax link did not open the help")
	}
	br.shot("syntax-help")
	br.follow("search instead", chromedp.Click(chromedp.CSS("p.correction a")))
	if u, _ := url.Parse(br.location()); u.Query().Get("q") != `"Kashoggi"` {
		t.Errorf("search instead went to %s", br.location())
	}
	if n := br.eval(`document.querySelectorAll("p.correction").length`); n != 0 {
		t.Error("the exact words were corrected again")
	}
	br.follow("filtered search", chromedp.Navigate(br.base+"/?q=pegasus&org=Citizen+Lab&type=report&from=2017"))
	br.shotViewport("filter-chips")
	br.follow("remove a chip", chromedp.Click(chromedp.CSS(`li.chip a.chip-remove`)))
	if u, _ := url.Parse(br.location()); u.Query().Get("org") != "" || u.Query().Get("type") != "report" || u.Query().Get("from") != "2017" {
		t.Errorf("removing the organization chip went to %s", br.location())
	}
}
