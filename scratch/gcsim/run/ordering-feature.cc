// Row "ordering": several senders and a delivery order ([ordering], multicast runs): the
// senders' routes, their agents, P1's sequencer and the ordering tracker (ordering-run.h).
#include "run-feature.h"
#include "scratch/gcsim/ordering-run.h"

#include <algorithm>

namespace gcsim
{
namespace
{

using namespace ns3;
using namespace ns3::gcsim;

class OrderingFeature : public RunFeature
{
public:
    bool Applies(const RunContext& run) const override
    {
        return run.spec.order.has_value();
    }

    void Senders(RunContext& run) override
    {
        AddOrderingSenders(run.s, run.spec, run.network, run.group);
        run.p1Messages = 0; // the senders send; P1 only sequences (total order)
    }

    void Applications(RunContext& run) override
    {
        run.lastSend = std::max(run.lastSend, LastOrderingSend(run.s) + run.s.traffic.interval);
    }

    void Collectors(RunContext& run) override
    {
        m_ordering = InstallOrdering(run.s, run.spec, run.network, run.clients, *run.deliveries);
    }

    void Collect(RunContext& run, ModeResult& result) override
    {
        if (!m_ordering.tracker)
        {
            return;
        }
        result.ordering = m_ordering.tracker->Finish();
        for (uint32_t m = 1; run.sinks.orderings && m <= run.network.ClientCount(); ++m)
        {
            (*run.sinks.orderings)[m] = m_ordering.tracker->Sequence(m);
        }
    }

private:
    OrderingRun m_ordering;
};

} // namespace

std::unique_ptr<RunFeature>
MakeOrderingFeature()
{
    return std::make_unique<OrderingFeature>();
}

} // namespace gcsim
