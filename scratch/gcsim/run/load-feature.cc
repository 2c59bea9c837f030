// Row "load": what every link carried (links.csv) and the load on every host, members and
// the hosts that never wanted the messages.
#include "models/stats/link-tracker.h"
#include "run-feature.h"

namespace gcsim
{
namespace
{

using namespace ns3;
using namespace ns3::gcsim;

class LoadFeature : public RunFeature
{
public:
    bool Applies(const RunContext&) const override
    {
        return true;
    }

    void Collectors(RunContext& run) override
    {
        m_links = std::make_unique<LinkTracker>(run.network);
        run.hosts = std::make_unique<HostLoadTracker>(run.network, run.s.group.members);
    }

    void Collect(RunContext& run, ModeResult& result) override
    {
        result.links = m_links->Finish();
        result.hosts = run.hosts->Finish();
        if (run.sinks.links)
        {
            m_links->WriteCsv(*run.sinks.links, run.label);
        }
    }

private:
    std::unique_ptr<LinkTracker> m_links;
};

} // namespace

std::unique_ptr<RunFeature>
MakeLoadFeature()
{
    return std::make_unique<LoadFeature>();
}

} // namespace gcsim
