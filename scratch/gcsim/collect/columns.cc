#include "columns.h"

#include <sstream>
#include <utility>

namespace gcsim
{

namespace
{

/// (column or pattern, meaning): a pattern ends in '*' and matches any column it begins.
const std::vector<std::pair<std::string, std::string>>&
Meanings()
{
    static const std::vector<std::pair<std::string, std::string>> table = {
        {"run_id", "the run's id: a hash of its resolved scenario (runs/ID/)"},
        {"repetition", "the repetition, ns-3's RngRun (everything drawn afresh per repetition)"},
        {"mode", "the delivery mode (with its routing or membership variant)"},
        {"repetitions", "runs of the combination aggregated"},
        {"baseline", "the mode the paired figures compare with"},
        {"metric", "long.csv: the figure's column name"},
        {"value", "long.csv: its value"},
        {"messages", "group messages sent (count)"},
        {"destinations", "destinations per message (count)"},
        {"expected_deliveries", "sum over messages of their destinations (count)"},
        {"deliveries", "first copies at destinations (count)"},
        {"duplicates", "further copies at destinations (count)"},
        {"unwanted_deliveries", "copies at clients that were not destinations (count)"},
        {"delivery_ratio", "deliveries / expected deliveries (fraction)"},
        {"latency_ns_p99_boot95_*", "95 % percentile-bootstrap interval of latency p99's mean "
                                    "(ns)"},
        {"latency_ns_*", "latency over deliveries, send to receive (ns): mean, p50, p95, p99, max"},
        {"first_message_latency_ns", "mean latency of P1's first message (ns)"},
        {"latency_after_first_ns_*", "latency over P1's later messages (ns)"},
        {"latency_parts_ns_*", "a part of the deliveries' latency (ns): transmission, "
                               "propagation, queueing, access, resolution, relay, other; mean "
                               "and p99"},
        {"completion_ns_*", "per message, send to the last destination's copy (ns)"},
        {"hops_*", "router hops of deliveries (count)"},
        {"stretch_*", "latency / the lone unicast's on an idle network (ratio)"},
        {"source_packets", "frames P1's devices sent (count)"},
        {"source_bytes", "their bytes on the wire (bytes)"},
        {"link_transmissions", "frames on all links, all traffic (count)"},
        {"link_bytes", "their bytes on the wire (bytes)"},
        {"core_link_transmissions", "frames on links between routers (count)"},
        {"access_link_transmissions", "frames on links with a host at an end (count)"},
        {"message_link_*", "frames and bytes that carried group messages"},
        {"link_stress_*", "copies of one message on one link: max, mean over links used"},
        {"host_receptions", "group frames hosts' stacks took in (count)"},
        {"nonmember_receptions", "of those, at non-members (count)"},
        {"nonmember_deliveries", "copies at non-members' applications (count)"},
        {"nic_filtered", "group frames non-members' NICs filtered (count)"},
        {"router_forwards", "packets routers forwarded (count)"},
        {"duplicates_suppressed", "copies routers dropped as duplicates (count)"},
        {"drops", "frames dropped, every cause (count)"},
        {"drops_by_cause_*", "frames dropped by cause: device queue, link, queue disc, ip, "
                             "arp, loss, failure (count)"},
        {"per_message_*", "the figure divided by the messages sent"},
        {"simulated_ns", "simulated time when the run ended (ns)"},
        {"membership_*", "joins and leaves, their latency (ns), IGMP's control traffic"},
        {"dense_*", "dense mode: prunes, grafts, graft acks, control packets and bytes, RPF "
                    "drops (count)"},
        {"reliability_*", "repair: losses, repairs, NAKs, ACKs, retransmissions, control "
                          "traffic (count, bytes)"},
        {"ordering_*", "delivery order: violations, disagreements, hold-back and latency (ns), "
                       "sequencer traffic"},
        {"throughput_*", "the throughput pattern: sustained rate (messages/s, bit/s), bounds, "
                         "p99 doubling rate"},
        {"failures_*", "[[failures]]: frames lost on failed links and routers; P1's messages "
                       "and deliveries lost after events; members affected, unrecovered; "
                       "recovery (ns, event to the first delivery after a member's last miss); "
                       "each member's longest gap between deliveries (ns): max, mean"},
        {"background_*", "cross traffic: flows, bytes its sinks received, throughput (bit/s)"},
        {"gossip_theory_*", "the gossip mode's closed form: its value (predicted), the simulated "
                            "figure's 95 % interval over messages, 1 if within"},
        {"gossip_*_predicted", "the closed form's value of the gossip figure it names"},
        {"gossip_*", "the gossip modes: members, rounds and time (ns) to reach every and 99 % "
                     "of the live members, messages that did, residue, DATA and control "
                     "datagrams and bytes (per node per message), duplicates"},
        {"groups_count", "groups at once, G (group.count)"},
        {"groups_senders_per_group", "senders per group, P1 included (count)"},
        {"groups_*", "every group's messages, deliveries, duplicates and delivery ratio, and "
                     "dense mode's control packets and bytes (in all, and bytes per group)"},
        {"forwarding_state_routers", "routers in the network (count)"},
        {"forwarding_state_routers_with_state", "routers holding a multicast forwarding entry "
                                                "(count)"},
        {"forwarding_state_entries", "(S,G) or (*,G) entries over every router and group, "
                                     "counted as the variant's protocol holds them (count)"},
        {"forwarding_state_entries_per_router_mean", "entries per router, over every router"},
        {"forwarding_state_entries_per_router_max", "the most entries one router holds"},
        {"forwarding_state_entries_per_state_router", "entries per router holding any"},
        {"forwarding_state_entries_per_group", "entries / groups"},
        {"forwarding_state_interfaces", "outgoing interfaces of every entry (count)"},
        {"forwarding_state_interfaces_per_router_mean", "outgoing interfaces per router, over "
                                                        "every router"},
        {"forwarding_state_interfaces_per_router_max", "the most outgoing interfaces one "
                                                       "router's entries hold"},
        {"paired_*_ratio_*", "per run, the figure / the baseline mode's, then mean or 95 % "
                             "half-width over repetitions (ratio)"},
        {"paired_*_diff_*", "per run, the figure - the baseline mode's, then mean or 95 % "
                            "half-width (the figure's unit)"},
        {"precision_relative_ci95", "[sweep] precision: the widest 95 % half-width / |mean| "
                                    "of the named figure"},
        {"precision_met", "[sweep] precision: 1 if met, 0 if max_repetitions stopped it"},
    };
    return table;
}

/// Whether \p column matches \p pattern ('*' matches any text, once or twice).
bool
Matches(const std::string& column, const std::string& pattern)
{
    std::size_t star = pattern.find('*');
    if (star == std::string::npos)
    {
        return column == pattern;
    }
    if (column.compare(0, star, pattern, 0, star) != 0)
    {
        return false;
    }
    std::string rest = pattern.substr(star + 1);
    if (rest.empty())
    {
        return true;
    }
    std::size_t next = rest.find('*');
    std::string middle = rest.substr(0, next);
    std::size_t at = column.find(middle, star);
    return at != std::string::npos &&
           (next == std::string::npos ? at + middle.size() == column.size() : true);
}

} // namespace

std::string
ColumnMeaning(const std::string& column)
{
    std::string base = column;
    std::string suffix;
    for (const char* s : {"_mean", "_ci95"})
    {
        std::string tail = s;
        bool paired = column.rfind("paired_", 0) == 0;
        if (!paired && column.size() > tail.size() &&
            column.compare(column.size() - tail.size(), tail.size(), tail) == 0)
        {
            base = column.substr(0, column.size() - tail.size());
            suffix = tail == "_mean" ? "; mean over repetitions" : "; 95 % half-width (Student t)";
        }
    }
    std::vector<std::string> candidates = {column};
    if (!suffix.empty())
    {
        candidates.insert(candidates.begin(), base); // latency_ns_mean_mean: latency_ns_mean's
    }
    for (const std::string& candidate : candidates)
    {
        for (const auto& [pattern, meaning] : Meanings())
        {
            if (Matches(candidate, pattern))
            {
                return meaning + (candidate == base ? suffix : "");
            }
        }
    }
    return "";
}

std::string
ColumnsMarkdown(const std::vector<std::string>& axes, const std::vector<std::string>& figures,
                const std::string& aggregateHeader)
{
    std::ostringstream md;
    md << "# The columns of this sweep's CSV files\n\n"
       << "`summary.csv`: one row per run and mode. `long.csv`: the same figures, one row per "
          "run, mode and figure (`metric`, `value`). `aggregate.csv`: per combination and "
          "mode, each figure's mean and 95 % half-width over repetitions. Counts and times "
          "in ns are integers; an empty cell is a figure that mode does not have.\n\n"
       << "## summary.csv and long.csv\n\n| column | meaning |\n|---|---|\n";
    md << "| `run_id` | " << ColumnMeaning("run_id") << " |\n";
    for (const auto& axis : axes)
    {
        md << "| `" << axis << "` | a swept key, its value as the scenario wrote it |\n";
    }
    std::vector<std::string> columns = {"repetition", "mode"};
    columns.insert(columns.end(), figures.begin(), figures.end());
    columns.insert(columns.end(), {"metric", "value"});
    for (const auto& column : columns)
    {
        std::string meaning = ColumnMeaning(column);
        md << "| `" << column << "` | "
           << (meaning.empty() ? "a figure of summary.json (README, Results)" : meaning) << " |\n";
    }
    md << "\n## aggregate.csv\n\n| column | meaning |\n|---|---|\n";
    std::istringstream header(aggregateHeader);
    std::size_t index = 0;
    for (std::string column; std::getline(header, column, ','); ++index)
    {
        bool axis = index < axes.size();
        std::string meaning = axis ? "a swept key" : ColumnMeaning(column);
        md << "| `" << column << "` | "
           << (meaning.empty() ? "a figure of summary.json (README, Results)" : meaning) << " |\n";
    }
    return md.str();
}

} // namespace gcsim
