// Row "reliability": what repair did and cost ([reliability]): NAKs, repairs, ARQ's
// retransmissions, from the repair row's agents.
#include "models/stats/reliability-tracker.h"
#include "run-feature.h"

namespace gcsim
{
namespace
{

using namespace ns3::gcsim;

class ReliabilityFeature : public RunFeature
{
public:
    bool Applies(const RunContext& run) const override
    {
        return run.s.reliability.given;
    }

    void Collectors(RunContext& run) override
    {
        m_tracker = std::make_unique<ReliabilityTracker>(run.network);
        m_tracker->Attach(run.agents);
    }

    void Collect(RunContext&, ModeResult& result) override
    {
        // After the group row: repair is judged against what was delivered.
        result.reliability = m_tracker->Finish(result.delivery);
    }

private:
    std::unique_ptr<ReliabilityTracker> m_tracker;
};

} // namespace

std::unique_ptr<RunFeature>
MakeReliabilityFeature()
{
    return std::make_unique<ReliabilityFeature>();
}

} // namespace gcsim
