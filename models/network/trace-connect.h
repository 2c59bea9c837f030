#ifndef GCSIM_TRACE_CONNECT_H
#define GCSIM_TRACE_CONNECT_H

#include <ns3/abort.h>
#include <ns3/callback.h>
#include <ns3/net-device.h>
#include <ns3/object-base.h>
#include <ns3/packet.h>
#include <string>

namespace ns3
{
namespace gcsim
{

/**
 * Connects \p sink to \p object's trace source \p name, and stops the program if that
 * fails: a collector that silently missed its source would report zeros that look real.
 */
template<typename T, typename Sink>
void
Subscribe(T object, const std::string& name, Sink sink)
{
    bool connected = object->TraceConnectWithoutContext(name, sink);
    NS_ABORT_MSG_UNLESS(connected, "cannot connect to trace source "
                                       << name << " of " << object->GetInstanceTypeId().GetName());
}

/**
 * Subscribe() for a device's packet trace sources ("PhyTxBegin", "PhyTxEnd", "MacTx", ...):
 * on an 802.11 device, the one its PHY or MAC carries.
 */
void Subscribe(Ptr<NetDevice> device, const std::string& name,
               Callback<void, Ptr<const Packet>> sink);

} // namespace gcsim
} // namespace ns3

#endif
