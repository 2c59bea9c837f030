// [background]: unicast cross traffic between hosts while the group's messages flow, so that
// they meet it in queues: UDP at a constant rate (ns-3's OnOff application, always on) or TCP
// as fast as it goes (BulkSend), listed or between client pairs drawn from the run's seed.

#include "models/network/run-seed.h"
#include "section.h"

#include <random>

namespace gcsim
{
namespace sections
{
namespace
{

/// The seed purpose of the drawn pairs (ns3::gcsim::PurposeSeed).
constexpr uint32_t kBackgroundPurpose = 4;

/// A flow's end: 0 (P1) or a client.
uint32_t
Endpoint(const Reader& r, const std::string& key, uint32_t clients)
{
    return static_cast<uint32_t>(*r.Integer(key, 0, clients));
}

/// background.flows: each { from, to, protocol, rate }.
void
ReadFlows(const Reader& r, Scenario& s)
{
    toml::node* flows = r.Find("background.flows");
    if (!flows)
    {
        return;
    }
    if (!flows->is_array())
    {
        r.Fail("background.flows",
               "expected a list of flows such as [{ from = 1, to = 9, protocol = \"tcp\" }], "
               "got " +
                   r.TypeName(*flows));
    }
    const std::vector<std::string> flowKeys = {"from", "to", "protocol", "rate"};
    auto& b = s.background;
    for (std::size_t i = 0; i < flows->as_array()->size(); ++i)
    {
        std::string key = "background.flows[" + std::to_string(i) + "]";
        toml::node& f = *flows->as_array()->get(i);
        if (!f.is_table())
        {
            r.Fail(key, "expected a flow such as { from = 1, to = 9, protocol = \"tcp\" }, got " +
                            r.TypeName(f));
        }
        CheckEntryKeys(r, key, *f.as_table(), flowKeys, "a flow");
        for (const char* required : {"from", "to"})
        {
            if (!f.as_table()->get(required))
            {
                r.Fail(key, std::string("a flow needs from and to; '") + required + "' is missing");
            }
        }
        Scenario::Background::Flow flow;
        flow.from = Endpoint(r, key + ".from", s.topology.clients);
        flow.to = Endpoint(r, key + ".to", s.topology.clients);
        if (flow.from == flow.to)
        {
            r.Fail(key + ".to",
                   "a flow goes from one host to another; both are " + std::to_string(flow.from));
        }
        flow.tcp = r.Choice(key + ".protocol", {"udp", "tcp"}).value_or(b.protocol) == "tcp";
        flow.rate = r.Rate(key + ".rate").value_or(b.rate);
        b.flows.push_back(flow);
    }
}

/// background.random_pairs: that many flows between distinct clients drawn from the run.
void
DrawPairs(const Reader& r, Scenario& s)
{
    auto& b = s.background;
    uint32_t n = s.topology.clients;
    auto pairs = r.Integer("background.random_pairs", 0, 10000).value_or(0);
    if (pairs > 0 && n < 2)
    {
        r.Fail("background.random_pairs", "drawn pairs need at least 2 clients");
    }
    std::mt19937_64 rng(
        ns3::gcsim::PurposeSeed(ns3::gcsim::RunSeed(s.seed, s.run), kBackgroundPurpose));
    for (int64_t i = 0; i < pairs; ++i)
    {
        Scenario::Background::Flow flow;
        flow.from = 1 + static_cast<uint32_t>(rng() % n);
        flow.to = 1 + static_cast<uint32_t>(rng() % (n - 1));
        flow.to += flow.to >= flow.from; // any client but the sender
        flow.tcp = b.protocol == "tcp";
        flow.rate = b.rate;
        b.flows.push_back(flow);
    }
}

void
Read(const Reader& r, Scenario& s, SectionContext&)
{
    auto& b = s.background;
    b.protocol = r.Choice("background.protocol", {"udp", "tcp"}).value_or("udp");
    b.rate = r.Rate("background.rate").value_or(ns3::DataRate("1Mbps"));
    b.size = static_cast<uint32_t>(r.Integer("background.size", 1, 65507).value_or(1000));
    b.start = r.Duration("background.start").value_or(ns3::Seconds(0));
    ReadFlows(r, s);
    DrawPairs(r, s);
}

void
Write(const Scenario& s, toml::table& root)
{
    const auto& b = s.background;
    if (b.flows.empty())
    {
        return;
    }
    toml::array flows;
    for (const auto& f : b.flows)
    {
        flows.push_back(toml::table{{"from", static_cast<int64_t>(f.from)},
                                    {"to", static_cast<int64_t>(f.to)},
                                    {"protocol", f.tcp ? "tcp" : "udp"},
                                    {"rate", RateText(f.rate)}});
    }
    root.insert("background", toml::table{{"flows", flows},
                                          {"protocol", b.protocol},
                                          {"rate", RateText(b.rate)},
                                          {"size", static_cast<int64_t>(b.size)},
                                          {"start", TimeText(b.start)}});
}

} // namespace

const ScenarioSection&
BackgroundSection()
{
    static const ScenarioSection section{
        "background", {{"flows"}, {"random_pairs"}, {"protocol"}, {"rate"}, {"size"}, {"start"}},
        {},           true,
        Read,         Write};
    return section;
}

} // namespace sections
} // namespace gcsim
