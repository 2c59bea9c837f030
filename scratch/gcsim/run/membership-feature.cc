// Row "membership": joins and leaves during the run ([membership]): the membership model
// (instant, or IGMP with its querier and reports), the scenario's events at their instants,
// and what they cost.
#include "models/group/group-server.h"
#include "models/membership/igmp-membership.h"
#include "models/membership/instant-membership.h"
#include "models/stats/membership-tracker.h"
#include "run-feature.h"

#include <ns3/callback.h>
#include <ns3/simulator.h>
#include <ns3/uinteger.h>

namespace gcsim
{
namespace
{

using namespace ns3;
using namespace ns3::gcsim;

class MembershipFeature : public RunFeature
{
public:
    bool Applies(const RunContext& run) const override
    {
        return run.s.membership.given;
    }

    void Collectors(RunContext& run) override
    {
        m_model = MakeModel(run);
        m_model->Setup(run.network, *run.graph, run.spec.routing, run.group,
                       DynamicCast<GroupServer>(run.server.Get(0)), run.clients, run.deliveryMode,
                       run.directory);
        if (run.dense)
        {
            FollowWithDenseMode(run);
        }
        // The model applies each event at its instant; an event at the instant of a send
        // comes first (it was scheduled before the send).
        for (const auto& event : run.s.membership.schedule)
        {
            Simulator::Schedule(event.at,
                                event.join ? &MembershipModel::Join : &MembershipModel::Leave,
                                m_model, event.client);
        }
        run.deliveries->FollowMembership(run.s.group.address, run.clients);
        run.hosts->FollowMembership(run.network, run.s.group.address);
        m_tracker = std::make_unique<MembershipTracker>(run.network.ClientCount());
        m_tracker->Attach(m_model, run.server, run.clients);
    }

    void Collect(RunContext&, ModeResult& result) override
    {
        result.membership = m_tracker->Finish();
    }

private:
    static Ptr<MembershipModel> MakeModel(const RunContext& run)
    {
        if (run.spec.membership != MembershipKind::IGMP)
        {
            return CreateObject<InstantMembership>();
        }
        const auto& t = run.s.membership.igmp;
        return CreateObjectWithAttributes<IgmpMembership>(
            "QueryInterval", TimeValue(t.queryInterval), "QueryResponseInterval",
            TimeValue(t.queryResponseInterval), "LastMemberQueryInterval",
            TimeValue(t.lastMemberQueryInterval), "Robustness", UintegerValue(t.robustness),
            "UnsolicitedReportInterval", TimeValue(t.unsolicitedReportInterval));
    }

    /// Dense-mode routers count members as the model has it (an IGMP querier's state), and
    /// graft or prune as that changes.
    void FollowWithDenseMode(RunContext& run)
    {
        DenseMode* routing = PeekPointer(run.dense);
        MembershipModel* model = PeekPointer(m_model);
        routing->SetLocalMembership(
            [routing, model](uint32_t router, uint32_t iface)
            { return model->HasMembers(router, iface) || routing->FacesServer(router, iface); });
        m_model->TraceConnectWithoutContext(
            "InterfaceMembers", Callback<void, uint32_t, uint32_t, bool>(
                                    [routing](uint32_t router, uint32_t iface, bool)
                                    { routing->LocalMembershipChanged(router, iface); }));
    }

    Ptr<MembershipModel> m_model;
    std::unique_ptr<MembershipTracker> m_tracker;
};

} // namespace

std::unique_ptr<RunFeature>
MakeMembershipFeature()
{
    return std::make_unique<MembershipFeature>();
}

} // namespace gcsim
