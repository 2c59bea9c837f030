#include "scenario.h"

#include "memory-estimate.h"
#include "models/group/delivery-mode.h"
#include "models/multicast/multicast-routing.h"
#include "models/network/map-topology.h"
#include "models/network/text-file.h"
#include "run-estimate.h"
#include "scenario-toml.h"
#include "text-parse.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <sstream>
#include <toml++/toml.h>

namespace gcsim
{

namespace fs = std::filesystem;
using ns3::gcsim::DeliveryModeTable;
using ns3::gcsim::TopologyTable;

InputError::InputError(const std::string& where, const std::string& key, const std::string& message)
  : std::runtime_error(Printable(where, 400) + ": " +
                       (key.empty() ? "" : Printable(key, 200) + ": ") + Printable(message))
{
}

namespace
{

/// The length of the UTF-8 sequence at \p i of \p text and its code point; 0 if none is there.
std::size_t
Utf8At(const std::string& text, std::size_t i, uint32_t& code)
{
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    std::size_t length = lead < 0x80           ? 1
                         : (lead >> 5) == 0x6  ? 2
                         : (lead >> 4) == 0xe  ? 3
                         : (lead >> 3) == 0x1e ? 4
                                               : 0;
    if (length == 0 || i + length > text.size())
    {
        return 0;
    }
    code = length == 1 ? lead : lead & (0x7f >> length);
    for (std::size_t k = 1; k < length; ++k)
    {
        if ((byte(i + k) & 0xc0) != 0x80)
        {
            return 0;
        }
        code = (code << 6) | (byte(i + k) & 0x3f);
    }
    static const uint32_t shortest[] = {0, 0, 0x80, 0x800, 0x10000};
    bool overlong = code < shortest[length];
    bool invalid = code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff);
    return overlong || invalid ? 0 : length;
}

} // namespace

std::string
Printable(const std::string& text, std::size_t limit)
{
    // Each character as printed, in order; cut below at character boundaries only.
    std::vector<std::string> shown;
    std::size_t total = 0;
    for (std::size_t i = 0; i < text.size();)
    {
        uint32_t code = 0;
        std::size_t length = Utf8At(text, i, code);
        char escaped[16] = {0};
        if (length == 0)
        {
            std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned char>(text[i]));
            length = 1;
        }
        else if (code < 0x20 || code == 0x7f)
        {
            std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned>(code));
        }
        else if ((code >= 0x80 && code < 0xa0) || (code >= 0x202a && code <= 0x202e) ||
                 (code >= 0x2066 && code <= 0x2069))
        {
            std::snprintf(escaped, sizeof escaped, "\\u{%04x}", static_cast<unsigned>(code));
        }
        shown.push_back(escaped[0] ? std::string(escaped) : text.substr(i, length));
        total += shown.back().size();
        i += length;
    }
    std::string out;
    if (total <= limit)
    {
        for (const auto& c : shown)
        {
            out += c;
        }
        return out;
    }
    std::size_t head = 0;
    std::size_t headBytes = 0;
    while (head < shown.size() && headBytes + shown[head].size() <= limit * 2 / 3)
    {
        headBytes += shown[head++].size();
    }
    std::size_t tail = shown.size();
    std::size_t tailBytes = 0;
    while (tail > head && tailBytes + shown[tail - 1].size() <= limit / 3)
    {
        tailBytes += shown[--tail].size();
    }
    for (std::size_t k = 0; k < head; ++k)
    {
        out += shown[k];
    }
    out += " [... " + std::to_string(total - headBytes - tailBytes) + " bytes left out ...] ";
    for (std::size_t k = tail; k < shown.size(); ++k)
    {
        out += shown[k];
    }
    return out;
}

namespace
{

constexpr uint32_t kMaxUdpPayload = 65507; // 65535 - IPv4 header 20 - UDP header 8
constexpr uint32_t kHeaderBytes = 16;      // GroupHeader::SERIALIZED_SIZE
constexpr double kMaxRate = 1e9;           // messages/s: one every nanosecond
/// The latest a run may end, in ns: a ninth of what ns-3's Time holds, so that no timer set
/// before the end (each at most one duration key long) can pass Time's limit.
constexpr long double kMaxRunNs = 1e18L;

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
    double packets = unit == "p" ? count : std::floor(count * bytes / (size + 28.0));
    double messages = std::ceil((std::max(packets, 1.0) + 1) / precision - 1e-9);
    return static_cast<uint32_t>(std::clamp(messages, 200.0, 1e6));
}

/// The keys each table accepts: the schema unknown keys are checked against.
const std::map<std::string, std::vector<std::string>>&
Schema()
{
    static const std::map<std::string, std::vector<std::string>> schema = {
        {"",
         {"name", "description", "seed", "run", "topology", "group", "traffic", "delivery",
          "membership", "reliability", "ordering", "output", "sweep"}},
        {"topology",
         {"kind",
          "clients",
          "data_rate",
          "delay",
          "queue_size",
          "queue_disc",
          "core_rate",
          "core_delay",
          "fanout",
          "depth",
          "clients_per_leaf",
          "routers",
          "rows",
          "columns",
          "waxman_alpha",
          "waxman_beta",
          "bottleneck_rate",
          "bottleneck_delay",
          "igmp_snooping",
          "map",
          "format",
          "access_routers",
          "server_router",
          "loss",
          "core_loss",
          "bottleneck_loss"}},
        {"group", {"address", "port", "members", "target"}},
        {"traffic",
         {"pattern", "messages", "interval", "size", "start", "drain", "transcript", "rate_min",
          "rate_max", "rate_precision"}},
        {"delivery",
         {"modes", "multicast_routing", "rendezvous", "overlay_fanout", "arp", "prune_lifetime"}},
        {"membership",
         {"model", "events", "churn", "query_interval", "query_response_interval",
          "last_member_query_interval", "robustness", "unsolicited_report_interval"}},
        {"membership.churn", {"rate", "seed", "start", "stop", "clients"}},
        {"reliability",
         {"repair", "request_c1", "request_c2", "repair_d1", "repair_d2", "session_interval",
          "session_messages", "arq_timeout", "arq_max_tries"}},
        {"ordering", {"senders", "order", "offset", "jitter", "seed"}},
        {"output", {"pcap", "netanim"}},
    };
    return schema;
}

std::string
Join(const std::vector<std::string>& words)
{
    std::string out;
    for (const auto& w : words)
    {
        out += (out.empty() ? "" : ", ") + w;
    }
    return out;
}

/// Reads typed values out of the parsed table and says where a bad one came from.
class Reader
{
public:
    Reader(toml::table& root, std::string source, std::map<std::string, std::string> overridden)
      : m_root(root)
      , m_source(std::move(source))
      , m_overridden(std::move(overridden))
    {
    }

    std::string Where(const std::string& key, const toml::node* node) const
    {
        // The override of the key itself, or of a table or list holding it.
        for (const auto& [path, text] : m_overridden)
        {
            if (key == path || key.rfind(path + ".", 0) == 0 || key.rfind(path + "[", 0) == 0)
            {
                return "--set " + text;
            }
        }
        if (node && node->source().path)
        {
            if (*node->source().path != m_source && node->source().path->rfind("--set ", 0) == 0)
            {
                return *node->source().path; // a value an override wrote
            }
            if (node->source().begin.line > 0)
            {
                return m_source + ":" + std::to_string(node->source().begin.line);
            }
        }
        // A table an override created to hold its key.
        for (const auto& [path, text] : m_overridden)
        {
            if (path.rfind(key + ".", 0) == 0)
            {
                return "--set " + text;
            }
        }
        return m_source;
    }

    [[noreturn]] void Fail(const std::string& key, const std::string& message) const
    {
        throw InputError(Where(key, Find(key)), key, message);
    }

    toml::node* Find(const std::string& key) const
    {
        return m_root.at_path(key).node();
    }

    std::string TypeName(const toml::node& n) const
    {
        switch (n.type())
        {
            case toml::node_type::string:
                return "a string";
            case toml::node_type::integer:
                return "an integer";
            case toml::node_type::floating_point:
                return "a number with a fraction";
            case toml::node_type::boolean:
                return "a boolean";
            case toml::node_type::array:
                return "a list";
            case toml::node_type::table:
                return "a table";
            default:
                return "a date or time";
        }
    }

    std::optional<std::string> String(const std::string& key) const
    {
        toml::node* n = Find(key);
        if (!n)
        {
            return std::nullopt;
        }
        if (!n->is_string())
        {
            Fail(key, "expected a string, got " + TypeName(*n));
        }
        return n->value<std::string>();
    }

    std::optional<int64_t> Integer(const std::string& key, int64_t min, int64_t max) const
    {
        toml::node* n = Find(key);
        if (!n)
        {
            return std::nullopt;
        }
        if (!n->is_integer())
        {
            Fail(key, "expected an integer, got " + TypeName(*n));
        }
        int64_t v = *n->value<int64_t>();
        if (v < min || v > max)
        {
            Fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                          " (got " + std::to_string(v) + ")");
        }
        return v;
    }

    std::optional<double> Number(const std::string& key, double min, double max) const
    {
        toml::node* n = Find(key);
        if (!n)
        {
            return std::nullopt;
        }
        if (!n->is_number())
        {
            Fail(key, "expected a number, got " + TypeName(*n));
        }
        double v = n->is_integer() ? double(*n->value<int64_t>()) : *n->value<double>();
        if (!(v >= min && v <= max))
        {
            std::ostringstream range;
            range << "must be between " << min << " and " << max << " (got " << v << ")";
            Fail(key, range.str());
        }
        return v;
    }

    /// A list of integers, each in [min, max], no repeats.
    std::optional<std::vector<uint32_t>> IntegerList(const std::string& key, int64_t min,
                                                     int64_t max) const
    {
        toml::node* n = Find(key);
        if (!n)
        {
            return std::nullopt;
        }
        if (!n->is_array())
        {
            Fail(key, "expected a list of integers, got " + TypeName(*n));
        }
        std::vector<uint32_t> out;
        for (auto& e : *n->as_array())
        {
            if (!e.is_integer())
            {
                Fail(key, "expected integers, got " + TypeName(e));
            }
            int64_t v = *e.value<int64_t>();
            if (v < min || v > max)
            {
                Fail(key, std::to_string(v) + " is out of range; accepted: " + std::to_string(min) +
                              " to " + std::to_string(max));
            }
            if (std::find(out.begin(), out.end(), v) != out.end())
            {
                Fail(key, std::to_string(v) + " is listed twice");
            }
            out.push_back(static_cast<uint32_t>(v));
        }
        return out;
    }

    std::optional<bool> Boolean(const std::string& key) const
    {
        toml::node* n = Find(key);
        if (!n)
        {
            return std::nullopt;
        }
        if (!n->is_boolean())
        {
            Fail(key, "expected true or false, got " + TypeName(*n));
        }
        return n->value<bool>();
    }

    std::optional<std::string> Choice(const std::string& key,
                                      const std::vector<std::string>& accepted) const
    {
        auto v = String(key);
        if (v && std::find(accepted.begin(), accepted.end(), *v) == accepted.end())
        {
            std::string hint = DidYouMean(*v, accepted);
            Fail(key, "unknown value '" + *v + "'" +
                          (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                          "; accepted: " + Join(accepted));
        }
        return v;
    }

    /// A duration such as "2ms", "500ns", "1.5s"; at least zero.
    std::optional<ns3::Time> Duration(const std::string& key) const
    {
        toml::node* n = Find(key);
        if (n && !n->is_string())
        {
            Fail(key, "expected a duration with a unit such as \"2ms\", got " + TypeName(*n));
        }
        auto text = String(key);
        if (!text)
        {
            return std::nullopt;
        }
        static const std::map<std::string, long double> unitNs = {
            {"ns", 1}, {"us", 1e3}, {"ms", 1e6}, {"s", 1e9}, {"min", 60e9}};
        auto q = SplitQuantity(*text);
        if (!q || !unitNs.count(q->second))
        {
            Fail(key,
                 "cannot read '" + *text +
                     "' as a duration; give a number and a unit: ns, us, ms, s, min (\"2ms\")");
        }
        long double ns = q->first * unitNs.at(q->second);
        if (ns < 0)
        {
            Fail(key, "must not be negative (got '" + *text + "')");
        }
        if (ns > kMaxRunNs)
        {
            Fail(key, "is too long (got '" + *text +
                          "'); a duration is at most 1e9s (about 31.7 "
                          "years)");
        }
        return ns3::NanoSeconds(static_cast<int64_t>(std::llround(ns)));
    }

    /// A data rate such as "100Mbps"; above zero.
    std::optional<ns3::DataRate> Rate(const std::string& key) const
    {
        toml::node* n = Find(key);
        if (n && !n->is_string())
        {
            Fail(key, "expected a rate with a unit such as \"100Mbps\", got " + TypeName(*n));
        }
        auto text = String(key);
        if (!text)
        {
            return std::nullopt;
        }
        static const std::map<std::string, long double> unit = {
            {"bps", 1}, {"kbps", 1e3}, {"Kbps", 1e3}, {"Mbps", 1e6}, {"Gbps", 1e9}};
        auto q = SplitQuantity(*text);
        if (!q || !unit.count(q->second))
        {
            Fail(key, "cannot read '" + *text +
                          "' as a data rate; give a number and a unit: bps, kbps, Mbps, Gbps "
                          "(\"100Mbps\")");
        }
        long double bps = q->first * unit.at(q->second);
        if (bps < 1 || bps > 1e13L)
        {
            Fail(key, "must be between 1bps and 10000Gbps (got '" + *text + "')");
        }
        return ns3::DataRate(static_cast<uint64_t>(std::llround(bps)));
    }

private:
    toml::table& m_root;
    std::string m_source;
    std::map<std::string, std::string> m_overridden; //!< key -> the --set text
};

void
CheckKeys(const toml::table& table, const std::string& prefix, const Reader& reader)
{
    const auto& schema = Schema();
    auto allowed = schema.find(prefix);
    for (const auto& [k, node] : table)
    {
        std::string key(k.str());
        std::string path = prefix.empty() ? key : prefix + "." + key;
        const auto& names = allowed->second;
        if (std::find(names.begin(), names.end(), key) == names.end())
        {
            std::string hint = DidYouMean(key, names);
            throw InputError(reader.Where(path, &node), path,
                             "unknown key" +
                                 (hint.empty()
                                      ? ""
                                      : " (did you mean '" +
                                            (prefix.empty() ? hint : prefix + "." + hint) + "'?)") +
                                 "; accepted here: " + Join(names));
        }
        if (path == "sweep")
        {
            continue; // read by the sweep, which checks its own keys
        }
        if (schema.count(path))
        {
            if (!node.is_table())
            {
                throw InputError(reader.Where(path, &node), path,
                                 "expected a table ([" + path + "]), got " + reader.TypeName(node));
            }
            CheckKeys(*node.as_table(), path, reader);
        }
    }
}

std::vector<TranscriptLine>
ReadTranscript(const std::string& path, const std::string& where, uint32_t clients)
{
    std::istringstream in;
    try
    {
        in.str(ns3::gcsim::ReadTextFile(path, ns3::gcsim::kMaxTranscriptBytes));
    }
    catch (const std::invalid_argument& e)
    {
        throw InputError(where, "traffic.transcript",
                         std::string("cannot read transcript file ") + e.what());
    }
    std::vector<TranscriptLine> lines;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number)
    {
        if (!line.empty() && line.back() == '\r')
        {
            line.pop_back();
        }
        auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#')
        {
            continue;
        }
        // "client N: text" or "reply N: text"; one blank after the colon belongs to the syntax.
        std::string rest = line.substr(first);
        std::string word = rest.substr(0, rest.find_first_of(" \t"));
        auto colon = rest.find(':');
        std::string number_ =
            colon == std::string::npos ? "" : Trim(rest.substr(word.size(), colon - word.size()));
        if ((word != "client" && word != "reply") || !IsDigits(number_, 9) ||
            rest.find_first_of(" \t") != word.size())
        {
            throw InputError(path + ":" + std::to_string(number), "traffic.transcript",
                             "expected 'client N: text' or 'reply N: text'");
        }
        TranscriptLine t;
        t.reply = word == "reply";
        t.client = static_cast<uint32_t>(std::stoul(number_));
        t.text = rest.substr(colon + 1);
        if (!t.text.empty() && t.text[0] == ' ')
        {
            t.text.erase(0, 1);
        }
        if (t.client < 1 || t.client > clients)
        {
            throw InputError(path + ":" + std::to_string(number), "traffic.transcript",
                             "client " + std::to_string(t.client) +
                                 " is not in the network; clients are numbered 1 to " +
                                 std::to_string(clients));
        }
        if (kHeaderBytes + t.text.size() + 10 > kMaxUdpPayload)
        {
            throw InputError(path + ":" + std::to_string(number), "traffic.transcript",
                             "the line is longer than one UDP datagram holds");
        }
        lines.push_back(t);
    }
    if (lines.empty())
    {
        throw InputError(where, "traffic.transcript", "transcript '" + path + "' holds no lines");
    }
    return lines;
}

/// k distinct clients out of 1..n, chosen by a portable seeded Fisher-Yates shuffle.
std::vector<uint32_t>
ChooseMembers(uint32_t n, uint32_t k, uint32_t seed)
{
    std::vector<uint32_t> all(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        all[i] = i + 1;
    }
    std::mt19937_64 rng(seed);
    for (uint32_t i = 0; i < k; ++i)
    {
        uint64_t span = n - i;
        uint32_t j = i + static_cast<uint32_t>(rng() % span);
        std::swap(all[i], all[j]);
    }
    all.resize(k);
    std::sort(all.begin(), all.end());
    return all;
}

std::string
StemOf(const std::string& sourceName)
{
    return fs::path(sourceName).stem().string();
}

/// The topology keys that only some kinds read, and the kinds that read them.
const std::map<std::string, std::vector<std::string>>&
KindKeys()
{
    static const std::map<std::string, std::vector<std::string>> keys = {
        {"core_rate", {"tree", "dumbbell", "ring", "grid", "waxman", "file"}},
        {"core_delay", {"tree", "dumbbell", "ring", "grid", "waxman", "file"}},
        {"fanout", {"tree"}},
        {"depth", {"tree"}},
        {"clients_per_leaf", {"tree"}},
        {"routers", {"ring", "waxman"}},
        {"rows", {"grid"}},
        {"columns", {"grid"}},
        {"waxman_alpha", {"waxman"}},
        {"waxman_beta", {"waxman"}},
        {"bottleneck_rate", {"dumbbell"}},
        {"bottleneck_delay", {"dumbbell"}},
        {"igmp_snooping", {"star"}},
        {"map", {"file"}},
        {"format", {"file"}},
        {"access_routers", {"ring", "grid", "waxman", "file"}},
        {"server_router", {"ring", "grid", "waxman", "file"}},
        {"core_loss", {"tree", "ring", "grid", "waxman", "file"}},
        {"bottleneck_loss", {"dumbbell"}},
    };
    return keys;
}

/// A network's routers as the scenario's checks see them.
struct Routers
{
    uint64_t count{0};
    std::vector<bool> fromServer; //!< a map's routers P1 can reach; empty: every router
};

/**
 * Reads the map's text (building nothing) and checks P1's and the clients' routers on it;
 * returns the map's routers and which of them P1 reaches.
 */
Routers
CheckMap(const Reader& r, const ns3::gcsim::TopologyConfig& t)
{
    try
    {
        ns3::gcsim::RouterMap map = ns3::gcsim::CheckRouterMap(t.mapFile, t.mapFormat);
        ns3::gcsim::CheckMapPlacement(map, t);
        Routers routers;
        routers.count = map.names.size();
        uint32_t server = map.part[static_cast<std::size_t>(std::max<int64_t>(t.serverRouter, 0))];
        for (uint32_t part : map.part)
        {
            routers.fromServer.push_back(part == server);
        }
        return routers;
    }
    catch (const std::invalid_argument& e)
    {
        // "topology.KEY: what is wrong": the key's line in the scenario leads the message.
        std::string what = e.what();
        auto colon = what.find(": ");
        r.Fail(what.substr(0, colon), what.substr(colon + 2));
    }
}

/// The routers of a network of kind \p t.kind (none on one LAN, a star or a p2p link).
Routers
CountRouters(const ns3::gcsim::TopologyConfig& t, Routers map)
{
    if (t.kind == "file")
    {
        return map;
    }
    Routers routers;
    if (t.kind == "tree")
    {
        uint64_t level = 1;
        routers.count = 1;
        for (uint32_t d = 0; d < t.depth; ++d)
        {
            level *= t.fanout;
            routers.count += level;
        }
        return routers;
    }
    routers.count = t.kind == "dumbbell"                     ? 2
                    : t.kind == "ring" || t.kind == "waxman" ? t.routers
                    : t.kind == "grid"                       ? uint64_t(t.rows) * t.columns
                                                             : 0;
    return routers;
}

/// The builders' limits on routers, found here with the key's line.
void
CheckSize(const Reader& r, const ns3::gcsim::TopologyConfig& t)
{
    constexpr uint64_t kMaxRouters = 100000;
    if (t.kind == "ring" && t.routers < 3)
    {
        r.Fail("topology.routers", "a ring needs at least 3 routers (got " +
                                       std::to_string(t.routers) +
                                       "); two routers would be joined by two links");
    }
    uint64_t grid = uint64_t(t.rows) * t.columns;
    if (t.kind == "grid" && grid > kMaxRouters)
    {
        r.Fail(r.Find("topology.rows") ? "topology.rows" : "topology.columns",
               "a grid of " + std::to_string(t.rows) + " x " + std::to_string(t.columns) + " = " +
                   std::to_string(grid) + " routers; at most " + std::to_string(kMaxRouters));
    }
    uint64_t level = 1;
    uint64_t routers = 1;
    for (uint32_t d = 0; t.kind == "tree" && d < t.depth && routers <= kMaxRouters; ++d)
    {
        level *= t.fanout;
        routers += level;
    }
    if (routers > kMaxRouters)
    {
        r.Fail("topology.depth", "a tree of fanout " + std::to_string(t.fanout) + " and depth " +
                                     std::to_string(t.depth) + " has more than " +
                                     std::to_string(kMaxRouters) + " routers");
    }
}

/// Refuses a network that would not fit in this machine's memory, before anything is built.
void
CheckMemory(const Reader& r, const ns3::gcsim::TopologyConfig& t)
{
    MemoryEstimate need = EstimateMemory(t);
    uint64_t have = AvailableMemory();
    if (have == 0 || need.bytes <= have)
    {
        return;
    }
    std::string key = need.key;
    if (key == "topology.clients" && !r.Find(key) && r.Find("topology.clients_per_leaf"))
    {
        key = "topology.clients_per_leaf";
    }
    r.Fail(key, "a network this size needs about " + MemoryText(need.bytes) +
                    " of memory to simulate (" + std::to_string(need.hosts) + " hosts, " +
                    std::to_string(need.routers) + " routers, " + std::to_string(need.links) +
                    " links and LANs, " + std::to_string(need.routes) +
                    " routes; measured: about 13.5 KB a host, 4.5 KB a router, 10 KB a link, "
                    "48 bytes a route, plus 50 MB), and this machine has " +
                    MemoryText(have) + "; make it smaller");
}

/// Reads [topology]; returns the network's routers.
Routers
ParseTopology(const Reader& r, Scenario& s, const std::string& baseDir)
{
    std::vector<std::string> kinds;
    for (const auto& e : TopologyTable())
    {
        kinds.emplace_back(e.kind);
    }
    auto& t = s.topology;
    t.kind = r.Choice("topology.kind", kinds).value_or("lan");
    t.seed = s.seed;
    for (const auto& [key, readers] : KindKeys())
    {
        if (r.Find("topology." + key) &&
            std::find(readers.begin(), readers.end(), t.kind) == readers.end())
        {
            r.Fail("topology." + key,
                   "does not apply to a " + t.kind + " topology; it is read by: " + Join(readers));
        }
    }
    bool p2p = t.kind == "p2p";
    t.dataRate = r.Rate("topology.data_rate")
                     .value_or(p2p ? ns3::DataRate("5Mbps") : ns3::DataRate("100Mbps"));
    t.delay =
        r.Duration("topology.delay").value_or(p2p ? ns3::MilliSeconds(2) : ns3::NanoSeconds(500));
    t.coreRate = r.Rate("topology.core_rate").value_or(ns3::DataRate("1Gbps"));
    t.coreDelay = r.Duration("topology.core_delay").value_or(ns3::MilliSeconds(1));
    t.bottleneckRate = r.Rate("topology.bottleneck_rate").value_or(ns3::DataRate("10Mbps"));
    t.bottleneckDelay = r.Duration("topology.bottleneck_delay").value_or(ns3::MilliSeconds(10));
    // Packet error rates: access links; router-to-router links (the dumbbell has one).
    t.loss = r.Number("topology.loss", 0, 1).value_or(0);
    t.coreLoss =
        r.Number(t.kind == "dumbbell" ? "topology.bottleneck_loss" : "topology.core_loss", 0, 1)
            .value_or(0);
    t.fanout = static_cast<uint32_t>(r.Integer("topology.fanout", 1, 64).value_or(2));
    t.depth = static_cast<uint32_t>(r.Integer("topology.depth", 0, 16).value_or(2));
    t.routers = static_cast<uint32_t>(r.Integer("topology.routers", 2, 100000).value_or(8));
    t.rows = static_cast<uint32_t>(r.Integer("topology.rows", 1, 1000).value_or(3));
    t.columns = static_cast<uint32_t>(r.Integer("topology.columns", 1, 1000).value_or(3));
    t.igmpSnooping = r.Boolean("topology.igmp_snooping").value_or(true);
    t.waxmanAlpha = r.Number("topology.waxman_alpha", 1e-9, 1.0).value_or(0.4);
    t.waxmanBeta = r.Number("topology.waxman_beta", 1e-9, 1.0).value_or(0.2);
    t.accessRouters =
        r.IntegerList("topology.access_routers", 0, 1000000).value_or(std::vector<uint32_t>{});
    t.serverRouter = r.Integer("topology.server_router", 0, 1000000).value_or(-1);
    if (t.kind == "ring" || t.kind == "grid" || t.kind == "waxman")
    {
        uint64_t count = t.kind == "grid" ? uint64_t(t.rows) * t.columns : t.routers;
        auto noRouter = [&](int64_t router)
        {
            return "there is no router " + std::to_string(router) + "; a " + t.kind + " of " +
                   std::to_string(count) + " routers numbers them 0 to " +
                   std::to_string(count - 1);
        };
        for (uint32_t a : t.accessRouters)
        {
            if (a >= count)
            {
                r.Fail("topology.access_routers", noRouter(a));
            }
        }
        if (t.serverRouter >= 0 && uint64_t(t.serverRouter) >= count)
        {
            r.Fail("topology.server_router", noRouter(t.serverRouter));
        }
    }
    if (auto map = r.String("topology.map"))
    {
        fs::path p(*map);
        if (p.is_relative())
        {
            p = fs::path(baseDir) / p;
        }
        t.mapFile = p.lexically_normal().string();
        try
        {
            ns3::gcsim::ReadTextFile(t.mapFile, ns3::gcsim::kMaxMapBytes);
        }
        catch (const std::invalid_argument& e)
        {
            std::string why = e.what(); // "PATH: what is wrong"
            r.Fail("topology.map", "cannot read map file '" + t.mapFile + "': " +
                                       why.substr(std::min(why.size(), t.mapFile.size() + 2)));
        }
    }
    else if (t.kind == "file")
    {
        r.Fail("topology.map", "a file topology needs a map (Inet, Orbis or Rocketfuel format)");
    }
    t.mapFormat = r.Choice("topology.format", {"inet", "orbis", "rocketfuel"}).value_or("");
    if (t.kind == "file" && t.mapFormat.empty())
    {
        std::string lower = fs::path(t.mapFile).filename().string();
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        t.mapFormat = lower.find("rocketfuel") != std::string::npos ? "rocketfuel"
                      : lower.find("orbis") != std::string::npos    ? "orbis"
                      : lower.find("inet") != std::string::npos     ? "inet"
                                                                    : "";
        if (t.mapFormat.empty())
        {
            r.Fail("topology.map", "cannot tell the map's format from its name; set "
                                   "topology.format to inet, orbis or rocketfuel");
        }
    }
    Routers mapRouters = t.kind == "file" ? CheckMap(r, t) : Routers{};

    int64_t maxClients = (1 << 24) - 3;
    if (t.kind == "tree")
    {
        uint64_t leaves = 1;
        for (uint32_t d = 0; d < t.depth && leaves <= 100000; ++d)
        {
            leaves *= t.fanout;
        }
        if (leaves > 100000)
        {
            r.Fail("topology.depth", "a tree of fanout " + std::to_string(t.fanout) +
                                         " and depth " + std::to_string(t.depth) +
                                         " has more than 100000 leaf routers");
        }
        auto perLeaf = r.Integer("topology.clients_per_leaf", 1, maxClients);
        auto clients = r.Integer("topology.clients", 1, maxClients);
        if (clients && perLeaf && static_cast<uint64_t>(*clients) != leaves * *perLeaf)
        {
            r.Fail("topology.clients", "a tree with " + std::to_string(leaves) + " leaf LANs of " +
                                           std::to_string(*perLeaf) + " clients has " +
                                           std::to_string(leaves * *perLeaf) + " clients, not " +
                                           std::to_string(*clients) +
                                           "; give one of clients and clients_per_leaf");
        }
        if (clients && !perLeaf && *clients % leaves != 0)
        {
            r.Fail("topology.clients", std::to_string(*clients) + " clients do not fill " +
                                           std::to_string(leaves) +
                                           " leaf LANs equally; give a multiple of " +
                                           std::to_string(leaves) + " or clients_per_leaf");
        }
        uint64_t total = clients ? static_cast<uint64_t>(*clients) : leaves * perLeaf.value_or(2);
        if (total > static_cast<uint64_t>(maxClients))
        {
            r.Fail("topology.clients_per_leaf",
                   "the tree would hold more than " + std::to_string(maxClients) + " clients");
        }
        t.clients = static_cast<uint32_t>(total);
    }
    else
    {
        t.clients = static_cast<uint32_t>(
            r.Integer("topology.clients", 1, maxClients).value_or(p2p ? 1 : 3));
    }
    if (p2p && t.clients != 1)
    {
        r.Fail("topology.clients",
               "a p2p topology has exactly one client (got " + std::to_string(t.clients) + ")");
    }
    if (auto q = r.String("topology.queue_size"))
    {
        std::size_t digits = q->find_first_not_of("0123456789");
        std::string unit = digits == std::string::npos ? "" : q->substr(digits);
        std::string count = q->substr(0, digits);
        if (!IsDigits(count, 9) || std::stoul(count) == 0 ||
            (unit != "p" && unit != "B" && unit != "kB" && unit != "MB"))
        {
            r.Fail("topology.queue_size", "cannot read '" + *q +
                                              "'; give a positive count of packets (\"100p\") or "
                                              "bytes (\"64kB\", units B, kB, MB)");
        }
        t.queueSize = *q;
    }
    t.queueDisc =
        r.Choice("topology.queue_disc", {"none", "pfifo-fast", "fq-codel"}).value_or("none");
    CheckSize(r, t);
    CheckMemory(r, t);
    return CountRouters(t, mapRouters);
}

/// \p ns of simulated time for messages: "12.5 s", "3.2e+12 s".
std::string
SimulatedText(long double ns)
{
    char text[48];
    std::snprintf(text, sizeof text, "%.4Lg s", ns / 1e9L);
    return text;
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
    long double sending =
        tr.pattern == "throughput"
            ? tr.messages * (1e9L / static_cast<long double>(tr.rateMin))
            : tr.messages * static_cast<long double>(tr.interval.GetNanoSeconds());
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
                                                 : "start + messages x interval + drain";
    r.Fail(key, "the run would end after " + SimulatedText(end) + " of simulated time (" + how +
                    "); a run ends by " + SimulatedText(kMaxRunNs) +
                    " (about 31.7 years), as ns-3's time holds at most 292 years");
}

/**
 * Refuses a run estimated to take more than kMaxRunSeconds or to write more than
 * kMaxOutputBytes (EstimateRun), naming the key that makes it so; --allow-large lifts this.
 */
void
CheckCost(const Reader& r, const Scenario& s)
{
    RunEstimate e = EstimateRun(s);
    std::string limits = "gcsim refuses runs estimated above 1 hour of wall-clock time or 10 GB of "
                         "results unless --allow-large is given (" +
                         EstimateLine(e) + ")";
    if (e.outputBytes > kMaxOutputBytes)
    {
        r.Fail(s.output.pcap && r.Find("output.pcap") ? "output.pcap" : "traffic.messages",
               "this run would write " + MemoryText(static_cast<uint64_t>(e.outputBytes)) +
                   " of results; " + limits);
    }
    if (e.seconds > kMaxRunSeconds)
    {
        std::string key = e.timeKey;
        if (key == "topology.clients" && !r.Find(key) && r.Find("topology.clients_per_leaf"))
        {
            key = "topology.clients_per_leaf";
        }
        r.Fail(key,
               "this run would take " + DurationText(e.seconds) + " of wall-clock time; " + limits);
    }
}

/// "2.5s" for messages: a time as seconds, without trailing zeros.
std::string
SecondsText(ns3::Time t)
{
    std::ostringstream o;
    o << std::setprecision(12) << t.GetSeconds() << "s";
    return o.str();
}

/// Reads the igmp model's timers; InputError for a bad one, or for one without igmp.
void
ParseIgmpTimers(const Reader& r, Scenario::Membership& m)
{
    bool igmp = std::find(m.models.begin(), m.models.end(), "igmp") != m.models.end();
    auto& t = m.igmp;
    auto positive = [&](const std::string& key, ns3::Time fallback)
    {
        if (r.Find(key) && !igmp)
        {
            r.Fail(key, "is a timer of the igmp model; membership.model does not run igmp");
        }
        ns3::Time v = r.Duration(key).value_or(fallback);
        if (v <= ns3::Time())
        {
            r.Fail(key, "must be above zero (got '" + *r.String(key) + "')");
        }
        return v;
    };
    // A query's Max Resp Time field holds 1 to 255 units, of 1 ms here (see IgmpHeader).
    auto responseTime = [&](const std::string& key, ns3::Time fallback)
    {
        ns3::Time v = positive(key, fallback);
        if (v > ns3::MilliSeconds(255) || v.GetNanoSeconds() % 1000000 != 0)
        {
            r.Fail(key, "a query's Max Resp Time is a whole number of milliseconds from 1ms to "
                        "255ms (got '" +
                            *r.String(key) + "')");
        }
        return v;
    };
    t.queryInterval = positive("membership.query_interval", t.queryInterval);
    t.queryResponseInterval =
        responseTime("membership.query_response_interval", t.queryResponseInterval);
    t.lastMemberQueryInterval =
        responseTime("membership.last_member_query_interval", t.lastMemberQueryInterval);
    t.unsolicitedReportInterval =
        positive("membership.unsolicited_report_interval", t.unsolicitedReportInterval);
    if (r.Find("membership.robustness") && !igmp)
    {
        r.Fail("membership.robustness",
               "is a setting of the igmp model; membership.model does not run igmp");
    }
    t.robustness =
        static_cast<uint32_t>(r.Integer("membership.robustness", 1, 10).value_or(t.robustness));
    if (t.queryResponseInterval >= t.queryInterval)
    {
        r.Fail(r.Find("membership.query_response_interval") ? "membership.query_response_interval"
                                                            : "membership.query_interval",
               "the query response interval (" + SecondsText(t.queryResponseInterval) +
                   ") must be shorter than the query interval (" + SecondsText(t.queryInterval) +
                   ")");
    }
}

/// Reads [membership]: listed events, generated churn, and checks them against the run.
void
ParseMembership(const Reader& r, Scenario& s)
{
    auto& m = s.membership;
    m.given = r.Find("membership") != nullptr;
    if (!m.given)
    {
        return;
    }
    using Event = Scenario::Membership::Event;
    const std::vector<std::string> modelNames = {"instant", "igmp"};
    if (toml::node* list = r.Find("membership.model"); list && list->is_array())
    {
        m.models.clear();
        for (auto& v : *list->as_array())
        {
            auto name = v.value<std::string>();
            if (!v.is_string() ||
                std::find(modelNames.begin(), modelNames.end(), *name) == modelNames.end())
            {
                r.Fail("membership.model", "expected model names; accepted: instant, igmp");
            }
            if (std::find(m.models.begin(), m.models.end(), *name) != m.models.end())
            {
                r.Fail("membership.model", "model '" + *name + "' is listed twice");
            }
            m.models.push_back(*name);
        }
        if (m.models.empty())
        {
            r.Fail("membership.model", "the list is empty; accepted: instant, igmp");
        }
    }
    else
    {
        m.models = {r.Choice("membership.model", modelNames).value_or("instant")};
    }
    m.model = m.models.front();
    ParseIgmpTimers(r, m);
    if (s.traffic.pattern == "throughput")
    {
        r.Fail("membership", "the throughput pattern runs each rate it tries from the start; "
                             "membership over time needs the group or replay pattern");
    }
    uint32_t n = s.topology.clients;
    ns3::Time lastSend = s.traffic.start + s.traffic.interval * int64_t(s.traffic.messages);
    ns3::Time end = lastSend + s.traffic.drain;
    std::string endText =
        "the run ends at " + SecondsText(end) + " (traffic.start + messages x interval + drain)";

    std::vector<std::pair<Event, std::string>> listed; // with the event's key
    if (toml::node* events = r.Find("membership.events"))
    {
        if (!events->is_array())
        {
            r.Fail("membership.events",
                   "expected a list of events such as [{ at = \"2s\", client = 3, action = "
                   "\"join\" }], got " +
                       r.TypeName(*events));
        }
        const std::vector<std::string> eventKeys = {"at", "client", "action"};
        for (std::size_t i = 0; i < events->as_array()->size(); ++i)
        {
            std::string key = "membership.events[" + std::to_string(i) + "]";
            toml::node& e = *events->as_array()->get(i);
            if (!e.is_table())
            {
                r.Fail(key, "expected an event such as { at = \"2s\", client = 3, action = "
                            "\"join\" }, got " +
                                r.TypeName(e));
            }
            for (const auto& [k, v] : *e.as_table())
            {
                std::string name(k.str());
                if (std::find(eventKeys.begin(), eventKeys.end(), name) == eventKeys.end())
                {
                    std::string hint = DidYouMean(name, eventKeys);
                    throw InputError(r.Where(key + "." + name, &v), key + "." + name,
                                     "unknown key" +
                                         (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                                         "; an event has: " + Join(eventKeys));
                }
            }
            for (const auto& required : eventKeys)
            {
                if (!e.as_table()->get(required))
                {
                    r.Fail(key,
                           "an event needs at, client and action; '" + required + "' is missing");
                }
            }
            Event ev;
            ev.at = *r.Duration(key + ".at");
            if (ev.at > end)
            {
                r.Fail(key + ".at",
                       "is after the run: " + endText + "; got '" + *r.String(key + ".at") + "'");
            }
            int64_t client = *r.Integer(key + ".client", INT64_MIN, INT64_MAX);
            if (client < 1 || client > n)
            {
                r.Fail(key + ".client", "client " + std::to_string(client) +
                                            " is not in the network; clients are numbered 1 to " +
                                            std::to_string(n));
            }
            ev.client = static_cast<uint32_t>(client);
            ev.join = *r.Choice(key + ".action", {"join", "leave"}) == "join";
            listed.emplace_back(ev, key);
            m.events.push_back(ev);
        }
    }

    // Generated churn: a Poisson process of the given rate over [start, stop); each event
    // picks one of the churning clients uniformly and flips its membership.
    std::vector<Event> generated;
    if (r.Find("membership.churn"))
    {
        auto& c = m.churn;
        c.given = true;
        auto text = r.String("membership.churn.rate");
        if (!text)
        {
            r.Fail("membership.churn", "churn needs a rate of events, such as rate = \"2/s\"");
        }
        static const std::map<std::string, long double> perSecond = {
            {"/s", 1}, {"/ms", 1e3}, {"/min", 1.0L / 60}};
        auto q = SplitQuantity(*text);
        if (!q || !perSecond.count(q->second) || !(q->first > 0))
        {
            r.Fail("membership.churn.rate",
                   "cannot read '" + *text +
                       "' as a rate of events; give a positive number of events per unit of "
                       "time: /s, /ms, /min (\"2/s\")");
        }
        c.rate = static_cast<double>(q->first * perSecond.at(q->second));
        c.seed = static_cast<uint32_t>(
            r.Integer("membership.churn.seed", 1, 4294967295LL).value_or(s.seed));
        c.start = r.Duration("membership.churn.start").value_or(s.traffic.start);
        c.stop = r.Duration("membership.churn.stop").value_or(lastSend);
        if (c.stop > end)
        {
            r.Fail(r.Find("membership.churn.stop") ? "membership.churn.stop" : "membership.churn",
                   "churn would go on after the run: " + endText + "; stop is " +
                       SecondsText(c.stop));
        }
        if (c.stop <= c.start)
        {
            r.Fail(r.Find("membership.churn.stop") ? "membership.churn.stop" : "membership.churn",
                   "churn stops at " + SecondsText(c.stop) + ", not after it starts at " +
                       SecondsText(c.start));
        }
        if (double events = c.rate * (c.stop - c.start).GetSeconds(); events > 1e6)
        {
            char count[32];
            std::snprintf(count, sizeof count, "%.3g", events); // may exceed any integer
            r.Fail("membership.churn.rate", std::string("about ") + count +
                                                " events between start and stop; at most 1000000");
        }
        c.clients =
            r.IntegerList("membership.churn.clients", 1, n).value_or(std::vector<uint32_t>{});
        if (r.Find("membership.churn.clients") && c.clients.empty())
        {
            r.Fail("membership.churn.clients", "the list is empty; leave the key out to let "
                                               "every client churn");
        }
        std::sort(c.clients.begin(), c.clients.end());
        std::vector<uint32_t> pool = c.clients;
        if (pool.empty())
        {
            pool.resize(n);
            std::iota(pool.begin(), pool.end(), 1U);
        }
        std::mt19937_64 rng(c.seed);
        long double atNs = c.start.GetNanoSeconds();
        long double meanGapNs = 1e9L / c.rate;
        for (;;)
        {
            long double u = ((rng() >> 11) + 0.5L) / 9007199254740992.0L; // (0, 1)
            atNs += -std::log(u) * meanGapNs;
            if (atNs >= c.stop.GetNanoSeconds())
            {
                break;
            }
            Event ev;
            ev.at = ns3::NanoSeconds(static_cast<int64_t>(std::llround(atNs)));
            ev.client = pool[rng() % pool.size()];
            generated.push_back(ev);
        }
    }

    // One timeline: listed events first among events at the same instant, each checked
    // against the membership it meets; a generated event flips its client.
    std::stable_sort(listed.begin(), listed.end(),
                     [](const auto& a, const auto& b) { return a.first.at < b.first.at; });
    std::vector<bool> member(n + 1, false);
    for (uint32_t g : s.group.members)
    {
        member[g] = true;
    }
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < listed.size() || j < generated.size())
    {
        if (i < listed.size() && (j == generated.size() || listed[i].first.at <= generated[j].at))
        {
            const auto& [ev, key] = listed[i++];
            if (ev.join == member[ev.client])
            {
                r.Fail(key + ".action",
                       "client " + std::to_string(ev.client) +
                           (ev.join ? " is already in the group at " : " is not in the group at ") +
                           SecondsText(ev.at) + " (group.members, then the events before it" +
                           (generated.empty() ? "" : " and the churn") + "); a " +
                           (ev.join ? "join needs a non-member" : "leave needs a member"));
            }
            member[ev.client] = ev.join;
            m.schedule.push_back(ev);
        }
        else
        {
            Event ev = generated[j++];
            ev.join = !member[ev.client];
            member[ev.client] = ev.join;
            m.schedule.push_back(ev);
        }
    }
}

/// Reads [reliability]: the repairs to run and the protocols' timers.
void
ParseReliability(const Reader& r, Scenario& s)
{
    auto& rel = s.reliability;
    rel.given = r.Find("reliability") != nullptr;
    if (!rel.given)
    {
        return;
    }
    const std::vector<std::string> repairs = {"none", "nak", "nak-unsuppressed"};
    if (toml::node* list = r.Find("reliability.repair"); list && list->is_array())
    {
        rel.repairs.clear();
        for (auto& v : *list->as_array())
        {
            auto name = v.value<std::string>();
            if (!name || std::find(repairs.begin(), repairs.end(), *name) == repairs.end())
            {
                r.Fail("reliability.repair", "expected repair names; accepted: " + Join(repairs));
            }
            if (std::find(rel.repairs.begin(), rel.repairs.end(), *name) != rel.repairs.end())
            {
                r.Fail("reliability.repair", "repair '" + *name + "' is listed twice");
            }
            rel.repairs.push_back(*name);
        }
        if (rel.repairs.empty())
        {
            r.Fail("reliability.repair", "the list is empty; accepted: " + Join(repairs));
        }
    }
    else
    {
        rel.repairs = {r.Choice("reliability.repair", repairs).value_or("nak")};
    }
    rel.requestC1 = r.Number("reliability.request_c1", 0, 1000).value_or(2);
    rel.requestC2 = r.Number("reliability.request_c2", 0, 1000).value_or(2);
    rel.repairD1 = r.Number("reliability.repair_d1", 0, 1000).value_or(1);
    rel.repairD2 = r.Number("reliability.repair_d2", 0, 1000).value_or(1);
    if (rel.requestC1 + rel.requestC2 <= 0)
    {
        r.Fail("reliability.request_c2", "request_c1 + request_c2 must be above 0: a request "
                                         "back-off of zero leaves no time to hear another's NAK");
    }
    auto positive = [&r](const std::string& key, ns3::Time fallback)
    {
        ns3::Time t = r.Duration(key).value_or(fallback);
        if (t <= ns3::Time(0))
        {
            r.Fail(key, "must be above 0");
        }
        return t;
    };
    rel.sessionInterval = positive("reliability.session_interval", ns3::MilliSeconds(10));
    rel.sessionMessages =
        static_cast<uint32_t>(r.Integer("reliability.session_messages", 0, 1000).value_or(3));
    rel.arqTimeout = positive("reliability.arq_timeout", ns3::MilliSeconds(10));
    rel.arqMaxTries =
        static_cast<uint32_t>(r.Integer("reliability.arq_max_tries", 1, 1000).value_or(10));
    if (s.traffic.pattern != "group")
    {
        r.Fail("reliability", "reliable delivery numbers P1's group messages; it needs the group "
                              "pattern (got '" +
                                  s.traffic.pattern + "')");
    }
    if (s.membership.given)
    {
        r.Fail("reliability", "reliable delivery keeps a fixed group; it cannot be combined with "
                              "[membership] yet");
    }
    if (s.group.port == 65535)
    {
        r.Fail("group.port", "reliable delivery uses the group's port + 1 for its own datagrams; "
                             "use a port below 65535");
    }
}

/// Reads [ordering]: the senders, the orders to run, and when each sender's messages leave.
void
ParseOrdering(const Reader& r, Scenario& s)
{
    auto& o = s.ordering;
    o.given = r.Find("ordering") != nullptr;
    if (!o.given)
    {
        return;
    }
    if (s.traffic.pattern != "group")
    {
        r.Fail("ordering", "the senders send traffic.messages messages each, as the group "
                           "pattern does; this scenario's pattern is \"" +
                               s.traffic.pattern + "\"");
    }
    if (s.membership.given)
    {
        r.Fail("ordering", "ordering runs keep the group of group.members throughout; leave out "
                           "[membership] or [ordering]");
    }
    if (s.reliability.given)
    {
        r.Fail("ordering", "ordered delivery assumes lossless links and the repair protocol "
                           "shares its port with the sequencer; leave out [reliability] or "
                           "[ordering]");
    }
    if (s.topology.loss > 0 || s.topology.coreLoss > 0)
    {
        r.Fail("ordering", "a lost message would block every hold-back queue behind it; ordering "
                           "scenarios need lossless links (topology.loss and core_loss 0)");
    }
    if (std::find(s.delivery.modes.begin(), s.delivery.modes.end(), "multicast") ==
        s.delivery.modes.end())
    {
        r.Fail("ordering", "the senders multicast to the group: delivery.modes must list "
                           "\"multicast\"");
    }
    if (s.traffic.size < 20)
    {
        r.Fail("traffic.size", "ordering messages carry a 16-byte header and a 4-byte sequence "
                               "stamp: at least 20 bytes (got " +
                                   std::to_string(s.traffic.size) + ")");
    }
    uint32_t n = s.topology.clients;
    if (!r.Find("ordering.senders"))
    {
        r.Fail("ordering", "needs senders, the clients that multicast to the group, such as "
                           "senders = [1, 2, 3, 4]");
    }
    o.senders = *r.IntegerList("ordering.senders", 1, n);
    if (o.senders.empty())
    {
        r.Fail("ordering.senders", "the list is empty; list the clients (1 to " +
                                       std::to_string(n) + ") that send to the group");
    }
    const std::vector<std::string> orders = {"none", "fifo", "total"};
    if (toml::node* list = r.Find("ordering.order"); list && list->is_array())
    {
        for (auto& v : *list->as_array())
        {
            auto name = v.value<std::string>();
            if (!v.is_string() || std::find(orders.begin(), orders.end(), *name) == orders.end())
            {
                std::string hint = name ? DidYouMean(*name, orders) : "";
                r.Fail("ordering.order",
                       (name ? "unknown order '" + *name + "'" : "expected order names") +
                           (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                           "; accepted: " + Join(orders));
            }
            if (std::find(o.orders.begin(), o.orders.end(), *name) != o.orders.end())
            {
                r.Fail("ordering.order", "order '" + *name + "' is listed twice");
            }
            o.orders.push_back(*name);
        }
        if (o.orders.empty())
        {
            r.Fail("ordering.order", "the list is empty; accepted: " + Join(orders));
        }
    }
    else
    {
        o.orders = {r.Choice("ordering.order", orders).value_or("none")};
    }
    o.offset = r.Duration("ordering.offset").value_or(ns3::Time(0));
    o.jitter = r.Duration("ordering.jitter").value_or(ns3::Time(0));
    o.seed = static_cast<uint32_t>(r.Integer("ordering.seed", 1, 4294967295LL).value_or(s.seed));
    if (s.group.port == 65535)
    {
        r.Fail("group.port", "P1's sequencer listens on group.port + 1: at most 65534 with "
                             "[ordering]");
    }
    o.sequencerPort = static_cast<uint16_t>(s.group.port + 1);
    long double lastNs = s.traffic.start.GetNanoSeconds() +
                         (s.traffic.messages + 1.0L) * s.traffic.interval.GetNanoSeconds() +
                         (o.senders.size() - 1.0L) * o.offset.GetNanoSeconds() +
                         o.jitter.GetNanoSeconds() + s.traffic.drain.GetNanoSeconds();
    if (lastNs > kMaxRunNs)
    {
        r.Fail(r.Find("ordering.offset") ? "ordering.offset" : "ordering.jitter",
               "the last sender's last message would leave after " + SimulatedText(lastNs) +
                   " of simulated time (with the drain); a run ends by " +
                   SimulatedText(kMaxRunNs));
    }
    // Sender i (from 0) sends at start + k x interval + i x offset + a uniform draw in
    // [0, jitter) ns, k = 0 .. messages - 1, drawn sender by sender from the ordering's own
    // generator; its messages are numbered in the order they leave.
    std::mt19937_64 rng(o.seed);
    int64_t jitterNs = o.jitter.GetNanoSeconds();
    o.sendTimes.clear();
    for (std::size_t i = 0; i < o.senders.size(); ++i)
    {
        std::vector<ns3::Time> times;
        for (uint32_t k = 0; k < s.traffic.messages; ++k)
        {
            int64_t late = jitterNs > 0 ? static_cast<int64_t>(rng() % uint64_t(jitterNs)) : 0;
            times.push_back(s.traffic.start + s.traffic.interval * int64_t(k) +
                            o.offset * int64_t(i) + ns3::NanoSeconds(late));
        }
        // A sender numbers its messages in the order they leave.
        std::sort(times.begin(), times.end());
        o.sendTimes.push_back(std::move(times));
    }
}

} // namespace

/// Applies "a.b.c=value" to \p root; the value is read as TOML, or else as a bare string.
std::string
ApplyOverride(toml::table& root, const std::string& text)
{
    auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
    {
        throw InputError("--set " + text, "", "expected key.path=value");
    }
    std::string path = text.substr(0, eq);
    std::string value = text.substr(eq + 1);
    std::vector<std::string> parts;
    for (std::size_t start = 0;;)
    {
        std::size_t dot = path.find('.', start);
        parts.push_back(path.substr(start, dot == std::string::npos ? dot : dot - start));
        if (parts.back().empty())
        {
            throw InputError("--set " + text, path,
                             "empty part in the key path; give table.key, such as "
                             "topology.clients");
        }
        if (dot == std::string::npos)
        {
            break;
        }
        start = dot + 1;
    }
    toml::table* table = &root;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i)
    {
        toml::node* next = table->get(parts[i]);
        if (!next)
        {
            table->insert(parts[i], toml::table{});
            next = table->get(parts[i]);
        }
        if (!next->is_table())
        {
            throw InputError("--set " + text, path, "'" + parts[i] + "' is not a table");
        }
        table = next->as_table();
    }
    // The value's nodes carry "--set ..." as their source: messages about them name it.
    toml::table parsed;
    try
    {
        parsed = toml::parse("v = " + value, "--set " + text);
    }
    catch (const toml::parse_error&)
    {
        // A bare string: text, as a scenario file's strings are (bytes that are not UTF-8
        // would be written back as other characters, \xff as \u00FF).
        uint32_t code = 0;
        for (std::size_t i = 0, length = 0; i < value.size(); i += length)
        {
            if ((length = Utf8At(value, i, code)) == 0)
            {
                throw InputError("--set " + text, path, "the value is not UTF-8 text");
            }
        }
        parsed = toml::table{{"v", value}};
    }
    table->insert_or_assign(parts.back(), std::move(*parsed.get("v")));
    return path;
}

std::vector<std::string>
Scenario::Runs() const
{
    std::vector<std::string> runs;
    for (const auto& mode : delivery.modes)
    {
        std::vector<std::string> bases;
        if (mode == "multicast" && delivery.multicastRoutings.size() > 1)
        {
            for (const auto& variant : delivery.multicastRoutings)
            {
                bases.push_back(mode + "/" + variant);
            }
        }
        else
        {
            bases.push_back(mode);
        }
        for (const auto& base : bases)
        {
            if (ordering.given && mode == "multicast")
            {
                // [ordering]: one multicast run per order; "none" keeps the plain label.
                for (const auto& order : ordering.orders)
                {
                    runs.push_back(order == "none" ? base : base + "+" + order);
                }
                continue;
            }
            if (!reliability.given || (mode != "multicast" && mode != "replicated-unicast"))
            {
                runs.push_back(base); // modes no repair applies to run once, as they are
                continue;
            }
            const auto& repairs = reliability.repairs;
            bool plain = std::find(repairs.begin(), repairs.end(), "none") != repairs.end();
            if (mode == "multicast")
            {
                for (const auto& repair : repairs)
                {
                    runs.push_back(repair == "none" ? base : base + "+" + repair);
                }
                continue;
            }
            if (plain)
            {
                runs.push_back(base);
            }
            if (!plain || repairs.size() > 1)
            {
                runs.push_back(base + "+arq");
            }
        }
    }
    if (membership.given && membership.models.size() > 1)
    {
        std::vector<std::string> each;
        for (const auto& label : runs)
        {
            for (const auto& model : membership.models)
            {
                each.push_back(label + "+" + model);
            }
        }
        runs = each;
    }
    return runs;
}

std::vector<uint32_t>
Scenario::MembersAt(ns3::Time t) const
{
    std::set<uint32_t> members(group.members.begin(), group.members.end());
    for (const auto& event : membership.schedule)
    {
        if (event.at > t)
        {
            break;
        }
        if (event.join)
        {
            members.insert(event.client);
        }
        else
        {
            members.erase(event.client);
        }
    }
    return {members.begin(), members.end()};
}

Scenario::RunSpec
Scenario::RunOf(const std::string& label) const
{
    RunSpec spec;
    spec.label = label;
    std::size_t plus = label.find('+');
    std::string head = label.substr(0, plus);
    std::size_t slash = head.find('/');
    spec.mode = head.substr(0, slash);
    spec.routing = slash == std::string::npos ? delivery.multicastRouting : head.substr(slash + 1);
    spec.membershipModel = membership.model;
    if (ordering.given && spec.mode == "multicast")
    {
        spec.order = "none";
    }
    while (plus != std::string::npos)
    {
        std::size_t next = label.find('+', plus + 1);
        std::string option =
            label.substr(plus + 1, next == std::string::npos ? next : next - plus - 1);
        if (option == "instant" || option == "igmp")
        {
            spec.membershipModel = option;
        }
        else if (option == "nak" || option == "nak-unsuppressed" || option == "arq")
        {
            const char* needs = option == "arq" ? "replicated-unicast" : "multicast";
            if (spec.mode != needs)
            {
                throw InputError(source, "delivery.modes",
                                 "run '" + label + "': repair '" + option + "' applies to " +
                                     needs + " only");
            }
            spec.repair = option;
        }
        else if ((option == "none" || option == "fifo" || option == "total") && ordering.given &&
                 spec.mode == "multicast")
        {
            spec.order = option;
        }
        else
        {
            throw InputError(source, "delivery.modes",
                             "run '" + label + "': no option '" + option + "'");
        }
        plus = next;
    }
    return spec;
}

std::string
DidYouMean(const std::string& word, const std::vector<std::string>& candidates)
{
    auto distance = [](const std::string& a, const std::string& b)
    {
        std::vector<std::size_t> row(b.size() + 1);
        for (std::size_t j = 0; j <= b.size(); ++j)
        {
            row[j] = j;
        }
        for (std::size_t i = 1; i <= a.size(); ++i)
        {
            std::size_t diag = row[0];
            row[0] = i;
            for (std::size_t j = 1; j <= b.size(); ++j)
            {
                std::size_t up = row[j];
                row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
                diag = up;
            }
        }
        return row[b.size()];
    };
    std::string best;
    std::size_t bestDistance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& c : candidates)
    {
        std::size_t d = distance(word, c);
        if (d < bestDistance)
        {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}

Scenario
ParseScenario(const std::string& text, const std::string& sourceName, const std::string& baseDir,
              const std::vector<std::string>& overrides, const ScenarioLimits& limits)
{
    toml::table root;
    try
    {
        root = toml::parse(text, sourceName);
    }
    catch (const toml::parse_error& e)
    {
        throw InputError(sourceName + ":" + std::to_string(e.source().begin.line), "",
                         "not valid TOML: " + std::string(e.description()));
    }
    std::map<std::string, std::string> overridden;
    for (const auto& o : overrides)
    {
        overridden[ApplyOverride(root, o)] = o;
    }
    Reader r(root, sourceName, overridden);
    CheckKeys(root, "", r);

    Scenario s;
    s.source = sourceName;
    s.name = r.String("name").value_or(StemOf(sourceName));
    bool nameOk = !s.name.empty() && s.name.size() <= 128 && s.name[0] != '.' && s.name[0] != '-' &&
                  s.name.find("..") == std::string::npos &&
                  std::all_of(s.name.begin(), s.name.end(),
                              [](char c) {
                                  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' ||
                                         c == '_' || c == '-';
                              });
    if (!nameOk)
    {
        r.Fail("name", "'" + s.name +
                           "' cannot name a results folder; use letters, digits, '.', '_' and '-' "
                           "(no '..', no '/')");
    }
    s.description = r.String("description").value_or("");
    s.seed = static_cast<uint32_t>(r.Integer("seed", 1, 4294967295LL).value_or(1));
    s.run = static_cast<uint32_t>(r.Integer("run", 1, 4294967295LL).value_or(1));

    Routers routers = ParseTopology(r, s, baseDir);

    // delivery
    std::vector<std::string> modeNames;
    for (const auto& e : DeliveryModeTable())
    {
        modeNames.emplace_back(e.name);
    }
    if (toml::node* modes = r.Find("delivery.modes"))
    {
        if (!modes->is_array() || modes->as_array()->empty())
        {
            r.Fail("delivery.modes",
                   "expected a non-empty list of modes; accepted: " + Join(modeNames));
        }
        for (auto& m : *modes->as_array())
        {
            if (!m.is_string())
            {
                r.Fail("delivery.modes", "expected mode names (strings), got " + r.TypeName(m));
            }
            std::string name = *m.value<std::string>();
            if (std::find(modeNames.begin(), modeNames.end(), name) == modeNames.end())
            {
                std::string hint = DidYouMean(name, modeNames);
                r.Fail("delivery.modes",
                       "unknown mode '" + name + "'" +
                           (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                           "; accepted: " + Join(modeNames));
            }
            if (std::find(s.delivery.modes.begin(), s.delivery.modes.end(), name) !=
                s.delivery.modes.end())
            {
                r.Fail("delivery.modes", "mode '" + name + "' is listed twice");
            }
            s.delivery.modes.push_back(name);
        }
    }
    else
    {
        s.delivery.modes = modeNames;
    }
    std::vector<std::string> variants;
    for (const auto& e : ns3::gcsim::MulticastRoutingTable())
    {
        variants.emplace_back(e.name);
    }
    if (toml::node* list = r.Find("delivery.multicast_routing"); list && list->is_array())
    {
        s.delivery.multicastRoutings.clear();
        for (auto& v : *list->as_array())
        {
            auto name = v.value<std::string>();
            if (!name || std::find(variants.begin(), variants.end(), *name) == variants.end())
            {
                r.Fail("delivery.multicast_routing",
                       "expected variant names; accepted: " + Join(variants));
            }
            if (std::find(s.delivery.multicastRoutings.begin(), s.delivery.multicastRoutings.end(),
                          *name) != s.delivery.multicastRoutings.end())
            {
                r.Fail("delivery.multicast_routing", "variant '" + *name + "' is listed twice");
            }
            s.delivery.multicastRoutings.push_back(*name);
        }
        if (s.delivery.multicastRoutings.empty())
        {
            r.Fail("delivery.multicast_routing", "the list is empty; accepted: " + Join(variants));
        }
    }
    else
    {
        s.delivery.multicastRoutings = {
            r.Choice("delivery.multicast_routing", variants).value_or("source-tree")};
    }
    s.delivery.multicastRouting = s.delivery.multicastRoutings.front();
    if (auto lifetime = r.Duration("delivery.prune_lifetime"))
    {
        const auto& routings = s.delivery.multicastRoutings;
        if (std::find(routings.begin(), routings.end(), "dense") == routings.end())
        {
            r.Fail("delivery.prune_lifetime",
                   "applies to multicast_routing \"dense\" only, which this scenario does not run");
        }
        if (*lifetime <= ns3::Time(0) || *lifetime > ns3::Seconds(65535))
        {
            r.Fail("delivery.prune_lifetime",
                   "must be above 0 and at most 65535s (PIM's hold time is 16 bits of seconds)");
        }
        s.delivery.pruneLifetime = *lifetime;
    }
    s.delivery.arp = r.Choice("delivery.arp", {"static", "dynamic"}).value_or("static");
    s.delivery.rendezvous = r.Integer("delivery.rendezvous", 0, 100000).value_or(-1);
    if (s.delivery.rendezvous >= 0)
    {
        const auto& routings = s.delivery.multicastRoutings;
        if (std::find(routings.begin(), routings.end(), "shared-tree") == routings.end())
        {
            r.Fail("delivery.rendezvous", "applies to multicast_routing \"shared-tree\" only, "
                                          "which this scenario does not run");
        }
        if (routers.count == 0)
        {
            r.Fail("delivery.rendezvous",
                   "a " + s.topology.kind +
                       " has no routers; a rendezvous router needs a routed topology");
        }
        auto rp = static_cast<uint64_t>(s.delivery.rendezvous);
        if (rp >= routers.count)
        {
            r.Fail("delivery.rendezvous", "there is no router " + std::to_string(rp) + "; this " +
                                              s.topology.kind + " has routers 0 to " +
                                              std::to_string(routers.count - 1));
        }
        if (!routers.fromServer.empty() && !routers.fromServer[rp])
        {
            r.Fail("delivery.rendezvous", "router " + std::to_string(rp) +
                                              " cannot be reached from P1's router: the map " +
                                              s.topology.mapFile +
                                              " falls into parts that no "
                                              "link joins");
        }
    }
    s.delivery.overlayFanout =
        static_cast<uint32_t>(r.Integer("delivery.overlay_fanout", 1, 1024).value_or(2));
    s.topology.staticArp = s.delivery.arp == "static";

    // group
    auto& g = s.group;
    if (auto a = r.String("group.address"))
    {
        ns3::Ipv4Address addr;
        std::vector<std::string> octets;
        std::stringstream parts(*a);
        for (std::string octet; std::getline(parts, octet, '.');)
        {
            octets.push_back(octet);
        }
        bool ok = octets.size() == 4 && a->back() != '.';
        for (const auto& octet : octets)
        {
            ok = ok && IsDigits(octet, 3) && std::stoi(octet) <= 255;
        }
        if (ok)
        {
            addr = ns3::Ipv4Address(a->c_str());
        }
        if (!ok || !addr.IsMulticast() || addr.IsLocalMulticast())
        {
            r.Fail("group.address",
                   "'" + *a +
                       "' is not an IPv4 multicast group address; use 224.0.1.0 to 239.255.255.254 "
                       "(224.0.0.x is link-local and reaches every host)");
        }
        if (addr == ns3::gcsim::NetworkBroadcastGroup())
        {
            r.Fail("group.address", "'" + *a +
                                        "' is reserved: gcsim floods its network-wide broadcast "
                                        "to this group; use 224.0.1.0 to 239.255.255.254");
        }
        g.address = addr;
    }
    g.port = static_cast<uint16_t>(r.Integer("group.port", 1, 65535).value_or(20001));
    uint32_t n = s.topology.clients;
    if (toml::node* members = r.Find("group.members"))
    {
        if (members->is_string())
        {
            if (*members->value<std::string>() != "all")
            {
                r.Fail("group.members", "expected \"all\", a fraction such as 0.5, a count, or a "
                                        "list of client numbers");
            }
            for (uint32_t i = 1; i <= n; ++i)
            {
                g.members.push_back(i);
            }
        }
        else if (members->is_floating_point())
        {
            double f = *members->value<double>();
            if (!(f > 0.0 && f <= 1.0))
            {
                r.Fail("group.members",
                       "a fraction of the clients must be above 0 and at most 1 (got " +
                           std::to_string(f) + ")");
            }
            auto k = static_cast<uint32_t>(std::max(1.0, std::round(f * n)));
            g.members = ChooseMembers(n, k, s.seed);
        }
        else if (members->is_integer())
        {
            int64_t k = *members->value<int64_t>();
            if (k < 1 || k > n)
            {
                r.Fail("group.members", "a group of " + std::to_string(k) +
                                            " clients does not fit a network of " +
                                            std::to_string(n) + " clients");
            }
            g.members = ChooseMembers(n, static_cast<uint32_t>(k), s.seed);
        }
        else if (members->is_array())
        {
            std::set<int64_t> seen;
            for (auto& m : *members->as_array())
            {
                if (!m.is_integer())
                {
                    r.Fail("group.members", "expected client numbers, got " + r.TypeName(m));
                }
                int64_t c = *m.value<int64_t>();
                if (c < 1 || c > n)
                {
                    r.Fail("group.members",
                           "client " + std::to_string(c) +
                               " is not in the network; clients are numbered 1 to " +
                               std::to_string(n));
                }
                if (!seen.insert(c).second)
                {
                    r.Fail("group.members", "client " + std::to_string(c) + " is listed twice");
                }
                g.members.push_back(static_cast<uint32_t>(c));
            }
            // An empty group at the start is a group that churn or events fill.
            if (g.members.empty() && !r.Find("membership"))
            {
                r.Fail("group.members", "the group is empty (a group that starts empty needs "
                                        "[membership] events or churn to fill it)");
            }
            std::sort(g.members.begin(), g.members.end());
        }
        else
        {
            r.Fail("group.members",
                   "expected \"all\", a fraction, a count or a list, got " + r.TypeName(*members));
        }
    }
    else
    {
        for (uint32_t i = 1; i <= n; ++i)
        {
            g.members.push_back(i);
        }
    }
    g.target = static_cast<uint32_t>(
        r.Integer("group.target", 1, n).value_or(g.members.empty() ? 1 : g.members.front()));

    // traffic
    auto& tr = s.traffic;
    tr.pattern = r.Choice("traffic.pattern", {"group", "replay", "throughput"}).value_or("group");
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
    tr.start = r.Duration("traffic.start").value_or(ns3::Seconds(1));
    tr.drain = r.Duration("traffic.drain").value_or(ns3::Seconds(10));
    tr.size = static_cast<uint32_t>(
        r.Integer("traffic.size", tr.pattern == "replay" ? 0 : kHeaderBytes, kMaxUdpPayload)
            .value_or(tr.pattern == "replay" ? 0 : 1024));
    if (tr.pattern == "replay")
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
        tr.lines = ReadTranscript(tr.transcript,
                                  r.Where("traffic.transcript", r.Find("traffic.transcript")), n);
        tr.messages = static_cast<uint32_t>(std::count_if(tr.lines.begin(), tr.lines.end(),
                                                          [](const auto& l) { return !l.reply; }));
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
            tr.messages =
                DefaultThroughputMessages(s.topology.queueSize, tr.size, tr.ratePrecision);
        }
    }

    CheckRunLength(r, s);
    ParseMembership(r, s);
    ParseReliability(r, s);
    ParseOrdering(r, s);

    // output
    s.output.pcap = r.Boolean("output.pcap").value_or(false);
    s.output.netanim = r.Boolean("output.netanim").value_or(false);
    if (!limits.allowLarge)
    {
        CheckCost(r, s);
    }
    return s;
}

Scenario
LoadScenario(const std::string& path, const std::vector<std::string>& overrides,
             const ScenarioLimits& limits)
{
    std::error_code ec;
    if (fs::is_directory(path, ec))
    {
        throw InputError(path, "", "is a folder, not a scenario file");
    }
    std::string base = fs::path(path).parent_path().string();
    return ParseScenario(ReadScenarioText(path), path, base.empty() ? "." : base, overrides,
                         limits);
}

std::string
ReadScenarioText(const std::string& path)
{
    std::error_code ec;
    if (fs::is_directory(path, ec))
    {
        throw InputError(path, "", "is a folder, not a scenario file");
    }
    if (!fs::exists(path, ec))
    {
        throw InputError(path, "", "cannot read this scenario file: there is no such file");
    }
    try
    {
        return ns3::gcsim::ReadTextFile(path, ns3::gcsim::kMaxScenarioBytes);
    }
    catch (const std::invalid_argument& e)
    {
        std::string what = e.what(); // "PATH: what is wrong"
        throw InputError(path, "",
                         "cannot be read as a scenario file: " +
                             what.substr(std::min(what.size(), path.size() + 2)));
    }
}

std::string
ResolvedToml(const Scenario& s)
{
    auto timeText = [](ns3::Time t) { return std::to_string(t.GetNanoSeconds()) + "ns"; };
    toml::array members;
    for (uint32_t m : s.group.members)
    {
        members.push_back(static_cast<int64_t>(m));
    }
    toml::array modes;
    for (const auto& m : s.delivery.modes)
    {
        modes.push_back(m);
    }
    toml::table traffic{
        {"pattern", s.traffic.pattern},
        {"messages", static_cast<int64_t>(s.traffic.messages)},
        {"interval", timeText(s.traffic.interval)},
        {"size", static_cast<int64_t>(s.traffic.size)},
        {"start", timeText(s.traffic.start)},
        {"drain", timeText(s.traffic.drain)},
    };
    if (s.traffic.pattern == "throughput")
    {
        traffic.erase("interval"); // set by the search, one per rate
        traffic.insert("rate_min", s.traffic.rateMin);
        traffic.insert("rate_max", s.traffic.rateMax);
        traffic.insert("rate_precision", s.traffic.ratePrecision);
    }
    if (!s.traffic.transcript.empty())
    {
        traffic.insert("transcript", s.traffic.transcript);
    }
    std::ostringstream rate;
    rate << s.topology.dataRate.GetBitRate() << "bps";
    toml::table root{
        {"name", s.name},
        {"description", s.description},
        {"seed", static_cast<int64_t>(s.seed)},
        {"run", static_cast<int64_t>(s.run)},
        {"topology",
         toml::table{
             {"kind", s.topology.kind},
             {"clients", static_cast<int64_t>(s.topology.clients)},
             {"data_rate", rate.str()},
             {"delay", timeText(s.topology.delay)},
             {"queue_size", s.topology.queueSize},
             {"queue_disc", s.topology.queueDisc},
         }},
        {"group",
         toml::table{
             {"address",
              [&]
              {
                  std::ostringstream o;
                  o << s.group.address;
                  return o.str();
              }()},
             {"port", static_cast<int64_t>(s.group.port)},
             {"members", members},
             {"target", static_cast<int64_t>(s.group.target)},
         }},
        {"traffic", traffic},
        {"delivery",
         toml::table{
             {"modes", modes},
             {"multicast_routing",
              [&]
              {
                  toml::array list;
                  for (const auto& v : s.delivery.multicastRoutings)
                  {
                      list.push_back(v);
                  }
                  return list;
              }()},
             {"overlay_fanout", static_cast<int64_t>(s.delivery.overlayFanout)},
             {"arp", s.delivery.arp},
         }},
        {"output", toml::table{{"pcap", s.output.pcap}, {"netanim", s.output.netanim}}},
    };
    auto rateText = [](ns3::DataRate d) { return std::to_string(d.GetBitRate()) + "bps"; };
    const auto& t = s.topology;
    toml::table kindKeys{
        {"core_rate", rateText(t.coreRate)},
        {"core_delay", timeText(t.coreDelay)},
        {"fanout", static_cast<int64_t>(t.fanout)},
        {"depth", static_cast<int64_t>(t.depth)},
        {"clients_per_leaf",
         static_cast<int64_t>(
             t.depth < 32 ? t.clients / std::max<uint64_t>(
                                            1, static_cast<uint64_t>(std::pow(t.fanout, t.depth)))
                          : 0)},
        {"routers", static_cast<int64_t>(t.routers)},
        {"rows", static_cast<int64_t>(t.rows)},
        {"columns", static_cast<int64_t>(t.columns)},
        {"waxman_alpha", t.waxmanAlpha},
        {"waxman_beta", t.waxmanBeta},
        {"bottleneck_rate", rateText(t.bottleneckRate)},
        {"bottleneck_delay", timeText(t.bottleneckDelay)},
        {"igmp_snooping", t.igmpSnooping},
        {"map", t.mapFile},
        {"format", t.mapFormat},
        {"server_router", t.serverRouter},
        {"core_loss", t.coreLoss},
        {"bottleneck_loss", t.coreLoss},
    };
    toml::array access;
    for (uint32_t a : t.accessRouters)
    {
        access.push_back(static_cast<int64_t>(a));
    }
    kindKeys.insert("access_routers", access);
    if (s.delivery.rendezvous >= 0)
    {
        root.get_as<toml::table>("delivery")->insert("rendezvous", s.delivery.rendezvous);
    }
    if (std::find(s.delivery.multicastRoutings.begin(), s.delivery.multicastRoutings.end(),
                  "dense") != s.delivery.multicastRoutings.end())
    {
        root.get_as<toml::table>("delivery")
            ->insert("prune_lifetime", timeText(s.delivery.pruneLifetime));
    }
    if (t.serverRouter < 0)
    {
        kindKeys.erase("server_router");
    }
    if (t.loss > 0)
    {
        root.get_as<toml::table>("topology")->insert("loss", t.loss);
    }
    if (t.coreLoss <= 0)
    {
        // Lossless networks resolve as they did before loss existed (sweep run ids included).
        kindKeys.erase("core_loss");
        kindKeys.erase("bottleneck_loss");
    }
    if (t.accessRouters.empty())
    {
        kindKeys.erase("access_routers");
    }
    if (t.mapFile.empty())
    {
        kindKeys.erase("map");
        kindKeys.erase("format");
    }
    auto* topology = root.get_as<toml::table>("topology");
    for (const auto& [key, readers] : KindKeys())
    {
        if (std::find(readers.begin(), readers.end(), t.kind) != readers.end() && kindKeys.get(key))
        {
            topology->insert(key, *kindKeys.get(key));
        }
    }
    if (s.membership.given)
    {
        const auto& m = s.membership;
        toml::array events;
        for (const auto& e : m.events)
        {
            events.push_back(toml::table{{"at", timeText(e.at)},
                                         {"client", static_cast<int64_t>(e.client)},
                                         {"action", e.join ? "join" : "leave"}});
        }
        toml::table membership{{"model", m.model}, {"events", events}};
        if (m.models.size() > 1)
        {
            toml::array models;
            for (const auto& model : m.models)
            {
                models.push_back(model);
            }
            membership.insert_or_assign("model", models);
        }
        if (std::find(m.models.begin(), m.models.end(), "igmp") != m.models.end())
        {
            membership.insert("query_interval", timeText(m.igmp.queryInterval));
            membership.insert("query_response_interval", timeText(m.igmp.queryResponseInterval));
            membership.insert("last_member_query_interval",
                              timeText(m.igmp.lastMemberQueryInterval));
            membership.insert("robustness", static_cast<int64_t>(m.igmp.robustness));
            membership.insert("unsolicited_report_interval",
                              timeText(m.igmp.unsolicitedReportInterval));
        }
        if (m.churn.given)
        {
            std::ostringstream churnRate;
            churnRate << std::setprecision(17) << m.churn.rate << "/s";
            toml::table churn{{"rate", churnRate.str()},
                              {"seed", static_cast<int64_t>(m.churn.seed)},
                              {"start", timeText(m.churn.start)},
                              {"stop", timeText(m.churn.stop)}};
            if (!m.churn.clients.empty())
            {
                toml::array clients;
                for (uint32_t c : m.churn.clients)
                {
                    clients.push_back(static_cast<int64_t>(c));
                }
                churn.insert("clients", clients);
            }
            membership.insert("churn", churn);
        }
        root.insert("membership", membership);
    }
    if (s.reliability.given)
    {
        const auto& rel = s.reliability;
        toml::array repairs;
        for (const auto& repair : rel.repairs)
        {
            repairs.push_back(repair);
        }
        root.insert("reliability",
                    toml::table{{"repair", repairs},
                                {"request_c1", rel.requestC1},
                                {"request_c2", rel.requestC2},
                                {"repair_d1", rel.repairD1},
                                {"repair_d2", rel.repairD2},
                                {"session_interval", timeText(rel.sessionInterval)},
                                {"session_messages", static_cast<int64_t>(rel.sessionMessages)},
                                {"arq_timeout", timeText(rel.arqTimeout)},
                                {"arq_max_tries", static_cast<int64_t>(rel.arqMaxTries)}});
    }
    if (s.ordering.given)
    {
        const auto& o = s.ordering;
        toml::array senders;
        for (uint32_t c : o.senders)
        {
            senders.push_back(static_cast<int64_t>(c));
        }
        toml::array orders;
        for (const auto& order : o.orders)
        {
            orders.push_back(order);
        }
        root.insert("ordering", toml::table{{"senders", senders},
                                            {"order", orders},
                                            {"offset", timeText(o.offset)},
                                            {"jitter", timeText(o.jitter)},
                                            {"seed", static_cast<int64_t>(o.seed)}});
    }
    std::ostringstream out;
    out << "# " << s.name << ", as resolved from " << s.source << " after overrides\n"
        << toml::toml_formatter(root, toml::toml_formatter::default_flags &
                                          ~toml::format_flags::indentation)
        << '\n';
    return out.str();
}

} // namespace gcsim
