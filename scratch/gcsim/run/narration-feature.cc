// Row "narration": message 0's account in words (--narrate).
#include "models/stats/narration-tracker.h"
#include "run-feature.h"

namespace gcsim
{
namespace
{

using namespace ns3::gcsim;

class NarrationFeature : public RunFeature
{
public:
    bool Applies(const RunContext& run) const override
    {
        return run.sinks.narrations != nullptr;
    }

    void Collectors(RunContext& run) override
    {
        m_tracker = std::make_unique<NarrationTracker>(run.network, run.firstGroup, run.label);
    }

    void Collect(RunContext& run, ModeResult&) override
    {
        run.sinks.narrations->push_back(m_tracker->Finish());
    }

private:
    std::unique_ptr<NarrationTracker> m_tracker;
};

} // namespace

std::unique_ptr<RunFeature>
MakeNarrationFeature()
{
    return std::make_unique<NarrationFeature>();
}

} // namespace gcsim
