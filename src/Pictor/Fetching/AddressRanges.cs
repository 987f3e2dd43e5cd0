using System.Net;
using System.Net.Sockets;

namespace Pictor.Fetching;

/// <summary>Addresses a fetch must not reach unless its host is listed by name: loopback, private, link-local (cloud metadata), and the like.</summary>
public static class AddressRanges
{
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xfe) == 0xfc // fc00::/7 unique local (fd00:ec2::254, a cloud metadata address, among them)
                || address.IsIPv4MappedToIPv6;
        }
        var v4 = address.GetAddressBytes();
        return v4[0] switch
        {
            0 => true,                                   // 0.0.0.0/8 "this network"
            10 => true,                                  // private
            100 => v4[1] is >= 64 and <= 127,            // 100.64.0.0/10 shared (carrier-grade NAT)
            127 => true,                                 // loopback
            169 => v4[1] == 254,                         // link-local, 169.254.169.254 metadata
            172 => v4[1] is >= 16 and <= 31,             // private
            192 => (v4[1] == 168) || (v4[1] == 0 && v4[2] is 0 or 2), // private; IETF protocol assignments; TEST-NET-1
            198 => v4[1] is 18 or 19,                    // benchmarking
            >= 224 => true,                              // multicast, reserved, broadcast
            _ => false,
        };
    }
}
