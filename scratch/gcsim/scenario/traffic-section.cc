// [traffic]: what P1 and the clients send (the group, poisson, replay and throughput patterns),
// when,
// and how long the run drains.

#include "models/group/poisson-send-times.h"
#include "models/network/network-constants.h"
#include "section.h"
#include "transcript.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

namespace gcsim
{
namespace sections
{
namespace
{

namespace fs = std::filesystem;

constexpr double kMaxRate = 1e9; // messages/s: one every nanosecond

/**
 * The throughput pattern's default message count: enough that a backlog the device queue can
 * hold is at most \p precision of the messages, so that a rate the link cannot carry
 * overflows the queue instead of hiding in it; at least 200, at most 10^6. A queue size in
 * bytes counts in packets of the message's IPv4 size.
 */
uint32_t
DefaultThroughputMessages(const std::string& queueSize, uint32_t size, double precision)
{
    std::size_t digits = queueSize.find_first_not_of("0123456789");
    double count = std::stod(queueSize.substr(0, digits));
    std::string unit = digits == std::string::npos ? "p" : queueSize.substr(digits);
    double bytes = unit == "kB" ? 1e3 : unit == "MB" ? 1e6 : 1.0;
    double packets =
        unit == "p" ? count
                    : std::floor(count * bytes / (size + double(ns3::gcsim::kIpv4UdpHeaderBytes)));
    double messages = std::ceil((std::max(packets, 1.0) + 1) / precision - 1e-9);
    return static_cast<uint32_t>(std::clamp(messages, 200.0, 1e6));
}

/// The replay's transcript: every client in the network, every line fits one datagram.
std::vector<TranscriptLine>
ReadReplayTranscript(const std::string& path, const std::string& where, uint32_t clients)
{
    auto check = [clients](const TranscriptLine& t) -> std::string
    {
        if (t.client < 1 || t.client > clients)
        {
            return "client " + std::to_string(t.client) +
                   " is not in the network; clients are numbered 1 to " + std::to_string(clients);
        }
        if (kHeaderBytes + t.text.size() + 10 > kMaxUdpPayload)
        {
            return "the line is longer than one UDP datagram holds";
        }
        return "";
    };
    return ReadTranscript(path, where, "traffic.transcript", check);
}

/**
 * Refuses a run whose last event ns-3 could not schedule: every time of a run (sends, the
 * drain, the throughput search's slowest rate) must end by kMaxRunNs. Computed in long double,
 * so that no product of keys can wrap around before it is compared.
 */
void
CheckRunLength(const Reader& r, const Scenario& s)
{
    const auto& tr = s.traffic;
    long double start = tr.start.GetNanoSeconds();
    long double drain = tr.drain.GetNanoSeconds();
    long double gaps = tr.pattern == "poisson" ? ns3::gcsim::kPoissonGapBound : 1;
    long double sending =
        tr.pattern == "throughput"
            ? tr.messages * (1e9L / static_cast<long double>(tr.rateMin))
            : tr.messages * gaps * static_cast<long double>(tr.interval.GetNanoSeconds());
    long double end = start + sending + drain;
    if (end <= kMaxRunNs)
    {
        return;
    }
    std::string key = sending >= start && sending >= drain
                          ? (tr.pattern == "throughput" ? "traffic.rate_min" : "traffic.interval")
                      : start >= drain ? "traffic.start"
                                       : "traffic.drain";
    std::string how = tr.pattern == "throughput" ? "start + messages / rate_min + drain"
                      : tr.pattern == "poisson"
                          ? "start + messages x " + std::to_string(ns3::gcsim::kPoissonGapBound) +
                                " x interval + drain, the longest a Poisson run can take"
                          : "start + messages x interval + drain";
    r.Fail(key, "the run would end after " + SimulatedText(end) + " of simulated time (" + how +
                    "); a run ends by " + SimulatedText(kMaxRunNs) +
                    " (about 31.7 years), as ns-3's time holds at most 292 years");
}

/// The replay pattern's transcript: its lines, and the client messages as traffic.messages.
void
ReadReplay(const Reader& r, Scenario::Traffic& tr, const std::string& baseDir, uint32_t n)
{
    auto path = r.String("traffic.transcript");
    if (!path)
    {
        r.Fail("traffic.transcript",
               "a replay needs a transcript file ('client N: text' and 'reply N: text' lines)");
    }
    fs::path p(*path);
    if (p.is_relative())
    {
        p = fs::path(baseDir) / p;
    }
    tr.transcript = p.lexically_normal().string();
    tr.lines = ReadReplayTranscript(tr.transcript,
                                    r.Where("traffic.transcript", r.Find("traffic.transcript")), n);
    tr.messages = static_cast<uint32_t>(
        std::count_if(tr.lines.begin(), tr.lines.end(), [](const auto& l) { return !l.reply; }));
}

/// The throughput pattern's search over rates; \p messages as given (nullopt: the default).
void
ReadThroughput(const Reader& r, Scenario& s, std::optional<int64_t> messages)
{
    auto& tr = s.traffic;
    auto number = [](double v)
    {
        std::ostringstream shown;
        shown << v;
        return shown.str();
    };
    tr.rateMin = r.Number("traffic.rate_min", 0, kMaxRate).value_or(10);
    if (!(tr.rateMin > 0))
    {
        r.Fail("traffic.rate_min", "must be above 0 messages per second (got 0)");
    }
    tr.rateMax = r.Number("traffic.rate_max", 0, kMaxRate).value_or(1e6);
    if (tr.rateMax < tr.rateMin)
    {
        r.Fail("traffic.rate_max", "must be at least traffic.rate_min (" + number(tr.rateMin) +
                                       " messages/s; got " + number(tr.rateMax) + ")");
    }
    tr.ratePrecision = r.Number("traffic.rate_precision", 0, 1).value_or(0.02);
    if (!(tr.ratePrecision > 0 && tr.ratePrecision < 1))
    {
        r.Fail("traffic.rate_precision",
               "must be above 0 and below 1 (got " + number(tr.ratePrecision) +
                   "); 0.02 stops the search when the last good and the first bad rate are "
                   "2 % apart");
    }
    if (messages && *messages < 10)
    {
        r.Fail("traffic.messages", "the throughput pattern needs at least 10 messages per rate "
                                   "it tries (got " +
                                       std::to_string(*messages) + ")");
    }
    if (!messages)
    {
        tr.messages = DefaultThroughputMessages(s.topology.queueSize, tr.size, tr.ratePrecision);
    }
}

/// When OLSR has its routes: HELLOs every 2 s find symmetric neighbours, TCs every 5 s
/// spread the links. Measured: a 6-hop line routes end to end from 11.2 s, a 50-node disc of
/// 120 m from 10.4 s; 15 s leaves most of a TC interval to spare.
constexpr int64_t kOlsrWarmUpSeconds = 15;

/// traffic.start: 1 s, or after OLSR's warm-up on an adhoc mesh routed by OLSR.
ns3::Time
ReadStart(const Reader& r, const ns3::gcsim::TopologyConfig& t)
{
    bool olsr = t.kind == "adhoc" && t.unicastRouting == "olsr";
    ns3::Time warmUp = ns3::Seconds(kOlsrWarmUpSeconds);
    ns3::Time start = r.Duration("traffic.start").value_or(olsr ? warmUp : ns3::Seconds(1));
    if (olsr && start < warmUp)
    {
        r.Fail("traffic.start", "an adhoc mesh routed by OLSR needs " +
                                    std::to_string(kOlsrWarmUpSeconds) +
                                    "s to find its routes (HELLO every 2s, TC every 5s); start "
                                    "at 15s or later, or use unicast_routing = \"aodv\"");
    }
    return start;
}

void
Read(const Reader& r, Scenario& s, SectionContext& context)
{
    uint32_t n = s.topology.clients;
    auto& tr = s.traffic;
    tr.pattern =
        r.Choice("traffic.pattern", {"group", "poisson", "replay", "throughput"}).value_or("group");
    bool throughput = tr.pattern == "throughput";
    auto messages = r.Integer("traffic.messages", 1, 100000000);
    tr.messages = static_cast<uint32_t>(messages.value_or(10));
    if (throughput && r.Find("traffic.interval"))
    {
        r.Fail("traffic.interval", "the throughput pattern sets the interval itself, 1/rate for "
                                   "each rate it tries; remove this key (the rates are "
                                   "traffic.rate_min, rate_max, rate_precision)");
    }
    tr.interval = r.Duration("traffic.interval")
                      .value_or(ns3::MilliSeconds(tr.pattern == "replay" ? 1000 : 10));
    tr.start = ReadStart(r, s.topology);
    tr.drain = r.Duration("traffic.drain").value_or(ns3::Seconds(10));
    tr.size = static_cast<uint32_t>(
        r.Integer("traffic.size", tr.pattern == "replay" ? 0 : kHeaderBytes, kMaxUdpPayload)
            .value_or(tr.pattern == "replay" ? 0 : 1024));
    if (tr.pattern == "replay")
    {
        ReadReplay(r, tr, context.baseDir, n);
    }
    for (const char* key : {"traffic.rate_min", "traffic.rate_max", "traffic.rate_precision"})
    {
        if (!throughput && r.Find(key))
        {
            r.Fail(key, "is read only by the throughput pattern (pattern = \"throughput\"); this "
                        "scenario's pattern is \"" +
                            tr.pattern + "\"");
        }
    }
    if (throughput)
    {
        ReadThroughput(r, s, messages);
    }
    CheckRunLength(r, s);
}

void
Write(const Scenario& s, toml::table& root)
{
    toml::table traffic{
        {"pattern", s.traffic.pattern},
        {"messages", static_cast<int64_t>(s.traffic.messages)},
        {"size", static_cast<int64_t>(s.traffic.size)},
        {"start", TimeText(s.traffic.start)},
        {"drain", TimeText(s.traffic.drain)},
    };
    if (s.traffic.pattern == "throughput")
    {
        // No interval: the search sets one per rate.
        traffic.insert("rate_min", s.traffic.rateMin);
        traffic.insert("rate_max", s.traffic.rateMax);
        traffic.insert("rate_precision", s.traffic.ratePrecision);
    }
    else
    {
        traffic.insert("interval", TimeText(s.traffic.interval));
    }
    if (!s.traffic.transcript.empty())
    {
        traffic.insert("transcript", ScenarioFilePath("transcripts", s.traffic.transcript));
    }
    root.insert("traffic", traffic);
}

} // namespace

const ScenarioSection&
TrafficSection()
{
    static const ScenarioSection section{"traffic",
                                         {{"pattern"},
                                          {"messages"},
                                          {"interval"},
                                          {"size"},
                                          {"start"},
                                          {"drain"},
                                          {"transcript"},
                                          {"rate_min"},
                                          {"rate_max"},
                                          {"rate_precision"}},
                                         {},
                                         true,
                                         Read,
                                         Write};
    return section;
}

} // namespace sections
} // namespace gcsim
