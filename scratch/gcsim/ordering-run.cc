#include "ordering-run.h"

#include "models/network/trace-connect.h"

#include <algorithm>
#include <ns3/callback.h>
#include <ns3/ipv4-static-routing-helper.h>
#include <ns3/ipv4.h>

namespace gcsim
{

using namespace ns3;
using namespace ns3::gcsim;

void
AddOrderingSenders(const Scenario& s, const Scenario::RunSpec& spec, const Network& network,
                   MulticastGroup& group)
{
    if (!spec.order || *spec.order == ORDER_TOTAL)
    {
        return;
    }
    for (uint32_t c : s.ordering.senders)
    {
        Ptr<Node> host = network.hosts.Get(c);
        if (std::find(group.senders.begin(), group.senders.end(), host->GetId()) ==
            group.senders.end())
        {
            group.senders.push_back(host->GetId());
        }
        Ipv4StaticRoutingHelper().SetDefaultMulticastRoute(
            host, host->GetObject<Ipv4>()->GetNetDevice(1));
    }
}

OrderingRun
InstallOrdering(const Scenario& s, const Scenario::RunSpec& spec, const Network& network,
                const ApplicationContainer& clients, DeliveryTracker& deliveries)
{
    OrderingRun run;
    OrderingSetup setup;
    setup.order = *spec.order;
    setup.group = s.group.address;
    setup.port = s.group.port;
    setup.sequencerPort = s.ordering.sequencerPort;
    setup.server = network.serverAddress;
    setup.size = s.traffic.size;
    setup.members = s.group.members;
    setup.senders = s.ordering.senders;
    setup.sendTimes = s.ordering.sendTimes;
    OrderingHelper helper(setup);
    run.agents = helper.InstallAgents(clients);
    run.sequencer = helper.InstallSequencer(network.Server());
    run.agents.Start(Seconds(0));
    run.sequencer.Start(Seconds(0));

    std::vector<uint32_t> members = s.group.members;
    bool total = setup.order == ORDER_TOTAL;
    DeliveryTracker* tracker = &deliveries;
    for (auto it = run.agents.Begin(); it != run.agents.End(); ++it)
    {
        Subscribe(*it, "Send",
                  Callback<void, uint32_t, uint32_t>(
                      [tracker, members, total](uint32_t origin, uint32_t message)
                      {
                          std::vector<uint32_t> destinations;
                          for (uint32_t m : members)
                          {
                              if (total || m != origin)
                              {
                                  destinations.push_back(m);
                              }
                          }
                          tracker->OriginSend(origin, message, destinations);
                      }));
    }
    run.tracker = std::make_unique<OrderingTracker>(setup.order, s.group.members,
                                                    network.ClientCount(), s.traffic.size);
    run.tracker->Attach(run.agents, run.sequencer);
    return run;
}

Time
LastOrderingSend(const Scenario& s)
{
    Time last;
    for (const auto& times : s.ordering.sendTimes)
    {
        for (Time t : times)
        {
            last = std::max(last, t);
        }
    }
    return last;
}

} // namespace gcsim
