// Row "repair": reliable delivery's agents ([reliability]): NAK repair on P1 and every
// member of the multicast runs (members then send to the group too), ARQ for replicated
// unicast.
#include "models/group/group-client.h"
#include "models/group/group-server.h"
#include "models/reliability/nak-repair.h"
#include "models/reliability/unicast-arq.h"
#include "run-feature.h"

#include <ns3/boolean.h>
#include <ns3/double.h>
#include <ns3/ipv4-address.h>
#include <ns3/object-factory.h>
#include <ns3/uinteger.h>

namespace gcsim
{
namespace
{

using namespace ns3;
using namespace ns3::gcsim;

class RepairFeature : public RunFeature
{
public:
    bool Applies(const RunContext& run) const override
    {
        return run.spec.repair != Repair::NONE;
    }

    void Senders(RunContext& run) override
    {
        if (Nak(run))
        {
            // Members multicast NAKs and repairs to the group, and P1 must hear them.
            PrepareGroupSenders(run.network, run.s.group.address, run.s.group.members);
            for (uint32_t m : run.s.group.members)
            {
                run.group.senders.push_back(run.network.hosts.Get(m)->GetId());
            }
        }
    }

    void Applications(RunContext& run) override
    {
        ObjectFactory factory = Factory(run);
        bool arq = !Nak(run);
        const Network& network = run.network;
        auto p1 = DynamicCast<GroupServer>(run.server.Get(0));
        factory.Set("Origin", UintegerValue(0));
        Ptr<Application> agent = factory.Create<Application>();
        network.Server()->AddApplication(agent);
        if (arq)
        {
            DynamicCast<UnicastArq>(agent)->AttachServer(p1, network.clientAddresses);
        }
        else
        {
            DynamicCast<NakRepair>(agent)->AttachServer(p1);
        }
        run.agents.Add(agent);
        for (uint32_t m : run.s.group.members)
        {
            factory.Set("Origin", UintegerValue(m));
            agent = factory.Create<Application>();
            network.hosts.Get(m)->AddApplication(agent);
            auto client = DynamicCast<GroupClient>(run.clients.Get(m - 1));
            if (arq)
            {
                DynamicCast<UnicastArq>(agent)->AttachClient(client, network.serverAddress);
            }
            else
            {
                DynamicCast<NakRepair>(agent)->AttachClient(client);
            }
            run.agents.Add(agent);
        }
        // Fixed streams, far above the network's (network.cc's AssignStreams): a run's
        // back-off draws do not depend on the runs simulated before it in the same process.
        for (uint32_t i = 0; i < run.agents.GetN(); ++i)
        {
            if (auto nak = DynamicCast<NakRepair>(run.agents.Get(i)))
            {
                nak->AssignStreams(kRepairStreamBase + i);
            }
        }
        run.agents.Start(Seconds(0));
    }

private:
    /// NAK repair ("nak", "nak-unsuppressed"); else ARQ.
    static bool Nak(const RunContext& run)
    {
        return run.spec.repair == Repair::NAK || run.spec.repair == Repair::NAK_UNSUPPRESSED;
    }

    /// The agents' type and attributes, but their origin.
    static ObjectFactory Factory(const RunContext& run)
    {
        const Scenario& s = run.s;
        const auto& rel = s.reliability;
        ObjectFactory factory;
        factory.SetTypeId(Nak(run) ? NakRepair::GetTypeId() : UnicastArq::GetTypeId());
        factory.Set("Port", UintegerValue(ReliabilityPort(s.group.port)));
        factory.Set("MessageSize", UintegerValue(s.traffic.size));
        if (!Nak(run))
        {
            factory.Set("Timeout", TimeValue(rel.arqTimeout));
            factory.Set("MaxTries", UintegerValue(rel.arqMaxTries));
            return factory;
        }
        factory.Set("Group", Ipv4AddressValue(s.group.address));
        factory.Set("RequestC1", DoubleValue(rel.requestC1));
        factory.Set("RequestC2", DoubleValue(rel.requestC2));
        factory.Set("RepairD1", DoubleValue(rel.repairD1));
        factory.Set("RepairD2", DoubleValue(rel.repairD2));
        factory.Set("SessionInterval", TimeValue(rel.sessionInterval));
        factory.Set("SessionMessages", UintegerValue(rel.sessionMessages));
        factory.Set("Suppression", BooleanValue(run.spec.repair == Repair::NAK));
        return factory;
    }
};

} // namespace

std::unique_ptr<RunFeature>
MakeRepairFeature()
{
    return std::make_unique<RepairFeature>();
}

} // namespace gcsim
