#ifndef GCSIM_TRACE_CONNECT_H
#define GCSIM_TRACE_CONNECT_H

#include <functional>
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
 * ObjectBase::TraceConnectWithoutContext, with the trace source looked up once per type
 * and name. ns-3 looks it up on every call, copying each trace source's descriptions on
 * the way; collectors connect the same few sources on every host.
 */
bool ConnectWithoutContext(ObjectBase& object, const std::string& name, const CallbackBase& sink);

/**
 * Connects \p sink to \p object's trace source \p name, and stops the program if that
 * fails: a collector that silently missed its source would report zeros that look real.
 */
template<typename T, typename Sink>
void
Subscribe(T object, const std::string& name, Sink sink)
{
    bool connected = ConnectWithoutContext(*object, name, sink);
    NS_ABORT_MSG_UNLESS(connected, "cannot connect to trace source "
                                       << name << " of " << object->GetInstanceTypeId().GetName());
}

/**
 * A Callback that calls \p f, for the trace sinks a collector makes per host or device.
 * Callback(f) also keeps copies of f for comparing callbacks: four more allocations and
 * about 200 bytes per sink. A lean callback cannot be compared, so it cannot be
 * disconnected (TracedCallback::Disconnect would throw); no collector disconnects. A sink
 * that is the same for every device is better made once and connected everywhere.
 */
template<typename R, typename... Args, typename F>
Callback<R, Args...>
LeanCallback(F f)
{
    return Callback<R, Args...>(Create<CallbackImpl<R, Args...>>(
        std::function<R(Args...)>(std::move(f)), CallbackComponentVector{}));
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
