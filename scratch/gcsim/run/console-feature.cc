// Row "console": the lines P1 and the clients print, as the lab's programs print them.
#include "run-feature.h"

#include <ns3/callback.h>
#include <ns3/simulator.h>

namespace gcsim
{
namespace
{

using namespace ns3;

class ConsoleFeature : public RunFeature
{
public:
    bool Applies(const RunContext& run) const override
    {
        return bool(run.sinks.console);
    }

    void Collectors(RunContext& run) override
    {
        auto console = run.sinks.console;
        run.server.Get(0)->TraceConnectWithoutContext(
            "Console",
            Callback<void, const std::string&>([console](const std::string& line)
                                               { console(Simulator::Now(), "P1", line); }));
        for (uint32_t i = 0; i < run.clients.GetN(); ++i)
        {
            std::string host = "C" + std::to_string(i + 1);
            run.clients.Get(i)->TraceConnectWithoutContext(
                "Console",
                Callback<void, const std::string&>([console, host](const std::string& line)
                                                   { console(Simulator::Now(), host, line); }));
        }
    }
};

} // namespace

std::unique_ptr<RunFeature>
MakeConsoleFeature()
{
    return std::make_unique<ConsoleFeature>();
}

} // namespace gcsim
