// Row "replay": a transcript's messages (traffic.pattern = "replay"): each client line is
// a message the client sends, one interval after the one before; each P1 line a reply P1
// sends when that client's message arrives.
#include "models/group/group-client.h"
#include "models/group/group-server.h"
#include "run-feature.h"

namespace gcsim
{
namespace
{

using namespace ns3;
using namespace ns3::gcsim;

class ReplayFeature : public RunFeature
{
public:
    bool Applies(const RunContext& run) const override
    {
        return run.s.traffic.pattern == "replay";
    }

    void Senders(RunContext& run) override
    {
        run.p1Messages = 0; // the clients send; P1 replies
        run.clientMessageSize = run.s.traffic.size;
    }

    void Applications(RunContext& run) override
    {
        auto p1 = DynamicCast<GroupServer>(run.server.Get(0));
        Time at = run.s.traffic.start;
        for (const auto& line : run.s.traffic.lines)
        {
            if (line.reply)
            {
                p1->AddReply(line.client, line.text);
            }
            else
            {
                DynamicCast<GroupClient>(run.clients.Get(line.client - 1))
                    ->AddMessage(at, line.text);
                at += run.s.traffic.interval;
            }
        }
        run.lastSend = at;
    }
};

} // namespace

std::unique_ptr<RunFeature>
MakeReplayFeature()
{
    return std::make_unique<ReplayFeature>();
}

} // namespace gcsim
