//! Which addresses flood control counts as one reader.
//!
//! An IPv4 address is one reader (or one shared NAT, which the rules cannot tell apart).
//! An IPv6 reader is given a whole /64 by their provider and may pick a fresh address in
//! it for every request, so per address they could never be held back: the /64 is what
//! names them.

use std::net::{IpAddr, Ipv6Addr};

/// The network that stands for the reader at `ip`: IPv4 as it is, IPv6 cut to its /64.
/// An IPv4-mapped IPv6 address is its IPv4 address.
pub fn reader_network(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from_bits(v6.to_bits() & !(u128::MAX >> 64))),
        },
    }
}

/// Whether two stored addresses are one reader to flood control; text that is no address
/// matches only itself.
pub fn same_reader(a: &str, b: &str) -> bool {
    match (a.parse::<IpAddr>(), b.parse::<IpAddr>()) {
        (Ok(a), Ok(b)) => reader_network(a) == reader_network(b),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_readers_are_their_slash_64() {
        for (a, b, same) in [
            ("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff", true),
            ("2001:db8:1:2::1", "2001:db8:1:3::1", false),
            ("2001:db8::1", "2001:db8:0:0:abcd::9", true),
            ("::ffff:198.51.100.7", "198.51.100.7", true),
            ("198.51.100.7", "198.51.100.8", false),
            ("198.51.100.7", "198.51.100.7", true),
            ("", "", true),
            ("not an address", "", false),
        ] {
            assert_eq!(same_reader(a, b), same, "{a} {b}");
        }
        assert_eq!(
            reader_network("2001:db8:1:2:3:4:5:6".parse().unwrap()).to_string(),
            "2001:db8:1:2::"
        );
    }
}
