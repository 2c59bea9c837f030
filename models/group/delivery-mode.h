#ifndef GCSIM_DELIVERY_MODE_H
#define GCSIM_DELIVERY_MODE_H

#include <ns3/application-container.h>
#include <ns3/ipv4-address.h>
#include <ns3/object.h>
#include <ns3/packet.h>
#include <ns3/socket.h>
#include <string>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// Who is who in the group: the addresses a delivery mode sends to.
struct GroupDirectory
{
    std::vector<Ipv4Address> clients; //!< client n's address at index n - 1
    std::vector<uint32_t> members;    //!< client numbers in the group G, ascending
    Ipv4Address group{"239.255.0.1"}; //!< the group's IPv4 multicast address
    uint16_t port{20001};             //!< the UDP port clients listen on
    /// Where `broadcast` sends: 255.255.255.255 on one segment, the network-wide
    /// broadcast group across routers.
    Ipv4Address broadcast{Ipv4Address::GetBroadcast()};
    std::vector<uint32_t> hopsFromServer; //!< client n's distance from P1 at n - 1 (overlay)

    /// The address of client \p n (1-based).
    Ipv4Address ClientAddress(uint32_t n) const;
    uint32_t ClientCount() const;
    bool IsMember(uint32_t n) const;
};

/**
 * \brief How P1 gets one message to its destination set.
 *
 * One subclass per mode, one file each, chosen by name through DeliveryModeTable(). A mode
 * decides who the destinations are and what P1 puts on its socket; the network does the
 * rest.
 */
class DeliveryMode : public Object
{
public:
    static TypeId GetTypeId();

    /// The mode's name as scenarios spell it.
    virtual std::string GetName() const = 0;

    /**
     * The client numbers that should receive a message, ascending.
     * \param dir the clients and the group
     * \param target the one client a single-destination mode addresses (the scenario's
     *        target, or in a replay the client being answered)
     */
    virtual std::vector<uint32_t> Destinations(const GroupDirectory& dir,
                                               uint32_t target) const = 0;

    /// Called once the clients are installed, before the simulation starts, and again with
    /// the new directory whenever the group's membership changes.
    virtual void Configure(const GroupDirectory& dir, const ApplicationContainer& clients);

    /// Called once on P1's socket before anything is sent.
    virtual void Prepare(Ptr<Socket> socket);

    /// Sends \p message (the complete UDP payload) from P1's \p socket.
    virtual void Send(Ptr<Socket> socket, Ptr<const Packet> message, const GroupDirectory& dir,
                      uint32_t target) = 0;
};

/// One row of the table of delivery modes.
struct DeliveryModeEntry
{
    const char* name;    //!< as scenarios spell it
    TypeId (*typeId)();  //!< the class that implements it
    const char* summary; //!< one line for --help and docs
};

/// Every delivery mode gcsim knows, in the order tables and results list them.
const std::vector<DeliveryModeEntry>& DeliveryModeTable();

/// The mode called \p name, or null if there is none.
Ptr<DeliveryMode> CreateDeliveryMode(const std::string& name);

} // namespace gcsim
} // namespace ns3

#endif
