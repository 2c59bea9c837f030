#ifndef GCSIM_MULTICAST_NIC_FILTER_H
#define GCSIM_MULTICAST_NIC_FILTER_H

#include <ns3/error-model.h>
#include <ns3/net-device.h>
#include <ns3/traced-callback.h>

namespace ns3
{
class WifiNetDevice;

namespace gcsim
{

class GroupMembership;

/**
 * \brief A NIC's multicast filter: drops multicast frames for groups the host has not joined.
 *
 * Installed as the device's receive error model, the one hook ns-3 devices offer before a
 * frame reaches the stack. Broadcast, unicast, link-local multicast (224.0.0.0/24) and
 * gcsim's network-wide broadcast group (NetworkBroadcastGroup()) always pass. A filtered frame
 * never reaches IP; it fires the Filtered trace, so collectors count it as filtered at the NIC, not
 * as host load. IGMP to 224.0.0.1 and 224.0.0.2 passes; IGMP to a group (reports and
 * group-specific queries) reaches only the group's members, as on a real LAN.
 */
class MulticastNicFilter : public ErrorModel
{
public:
    /// How the frames this filter sees are framed.
    enum Framing
    {
        ETHERNET, //!< CSMA: Ethernet header and trailer, group MAC 01:00:5e:...
        PPP,      //!< point-to-point: 2-byte PPP header, no MAC
        WIFI,     //!< 802.11: an MSDU the MAC passes up (LLC/SNAP, then IPv4)
    };

    static TypeId GetTypeId();
    MulticastNicFilter();
    ~MulticastNicFilter() override;
    /**
     * A filter for a host's device; \p behind, if any, is the device's receive error model
     * so far (a lossy link's FrameLoss), which gets the frames the filter lets through.
     */
    static Ptr<MulticastNicFilter> Create(Ptr<GroupMembership> membership, Framing framing,
                                          Ptr<ErrorModel> behind = nullptr);

    /**
     * Puts a filter between \p device's MAC and the device: an 802.11 device has no receive
     * error model, and the PHY's post-reception one would make a filtered frame a failed
     * reception (and the station defer EIFS), where a real NIC receives it and drops it by
     * address. The filter is aggregated to the device.
     */
    static void InstallOnWifi(Ptr<WifiNetDevice> device, Ptr<GroupMembership> membership);

    /// The filter installed on \p device, or null if it has none.
    static Ptr<MulticastNicFilter> On(Ptr<NetDevice> device);

    /// Frames filtered so far.
    uint64_t GetFiltered() const;

private:
    bool DoCorrupt(Ptr<Packet> p) override;
    void DoReset() override;
    /// True for a multicast frame of a group the host has not joined.
    bool Filters(Ptr<Packet> p) const;

    Ptr<GroupMembership> m_membership;               //!< the host's joined groups
    Ptr<ErrorModel> m_behind;                        //!< gets the frames that pass, if set
    Framing m_framing{ETHERNET};                     //!< link framing
    uint64_t m_filtered{0};                          //!< frames filtered
    TracedCallback<Ptr<const Packet>> m_filterTrace; //!< fired per filtered frame
};

} // namespace gcsim
} // namespace ns3

#endif
