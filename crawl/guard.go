package crawl

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"syscall"
	"time"
)

// nonPublic lists ranges that net/netip's predicates do not cover but that
// must not be reachable from a crawl of the public web.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
	netip.MustParsePrefix("::/96"),           // IPv4-compatible (deprecated)
	netip.MustParsePrefix("fec0::/10"),       // site-local (deprecated)
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
}

// embedding lists IPv6 ranges that carry an IPv4 address in their low or
// middle bits (NAT64, 6to4): the embedded address is checked too.
var embedding = []struct {
	prefix netip.Prefix
	at     int // byte offset of the embedded IPv4 address
}{
	{netip.MustParsePrefix("64:ff9b::/96"), 12},
	{netip.MustParsePrefix("64:ff9b:1::/48"), 12},
	{netip.MustParsePrefix("2002::/16"), 2},
}

// CheckAddr decides whether the crawler may connect to ip. It returns
// ErrPrivateAddress (wrapped) for loopback, private, link-local (such as
// the cloud metadata address 169.254.169.254), multicast, unspecified and
// reserved addresses, in IPv4, IPv6 and IPv4-mapped/embedded forms, unless
// allowPrivate is set.
func CheckAddr(ip netip.Addr, allowPrivate bool) error {
	if !ip.IsValid() {
		return fmt.Errorf("%w: invalid address", ErrPrivateAddress)
	}
	if allowPrivate {
		return nil
	}
	ip = ip.WithZone("")
	if reason := nonPublicReason(ip.Unmap()); reason != "" {
		return fmt.Errorf("%w: %s is %s", ErrPrivateAddress, ip, reason)
	}
	if ip.Is6() && !ip.Is4In6() {
		b := ip.As16()
		for _, e := range embedding {
			if e.prefix.Contains(ip) {
				v4 := netip.AddrFrom4([4]byte(b[e.at : e.at+4]))
				if reason := nonPublicReason(v4); reason != "" {
					return fmt.Errorf("%w: %s embeds %s, which is %s", ErrPrivateAddress, ip, v4, reason)
				}
			}
		}
	}
	return nil
}

func nonPublicReason(ip netip.Addr) string {
	switch {
	case ip.IsUnspecified():
		return "unspecified"
	case ip.IsLoopback():
		return "loopback"
	case ip.IsPrivate():
		return "private"
	case ip.IsLinkLocalUnicast():
		return "link-local"
	case ip.IsMulticast(), ip.IsLinkLocalMulticast(), ip.IsInterfaceLocalMulticast():
		return "multicast"
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return "reserved (" + p.String() + ")"
		}
	}
	return ""
}

// guardedDialer dials only addresses CheckAddr accepts. The check runs in
// net.Dialer.Control, after DNS resolution and for every connection, so
// neither a redirect nor a DNS answer can lead the crawler to an internal
// address.
type guardedDialer struct {
	allowPrivate bool
	allowHosts   []string // exact host:port, as requested or as resolved
	timeout      time.Duration
}

func (g guardedDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	requested := slices.Contains(g.allowHosts, addr)
	d := net.Dialer{Timeout: g.timeout, Control: func(_, address string, _ syscall.RawConn) error {
		if requested || slices.Contains(g.allowHosts, address) {
			return nil
		}
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("%w: unparsable address %q", ErrPrivateAddress, address)
		}
		return CheckAddr(ap.Addr(), g.allowPrivate)
	}}
	return d.DialContext(ctx, network, addr)
}
