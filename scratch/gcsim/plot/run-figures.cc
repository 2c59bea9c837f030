#include "run-figures.h"

#include "models/network/text-file.h"
#include "plot-csv.h"
#include "scratch/gcsim/output/text-format.h"
#include "scratch/gcsim/scenario.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

namespace gcsim
{
namespace plotting
{

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace
{

// ---- Run folders ----------------------------------------------------------------------

/// What the titles say about a run's scenario.
std::string
RunSubtitle(const json& summary)
{
    const json& sc = summary.value("scenario", json::object());
    const json& topo = sc.value("topology", json::object());
    const json& group = sc.value("group", json::object());
    const json& traffic = sc.value("traffic", json::object());
    std::ostringstream s;
    auto clients = topo.value("clients", 0);
    s << clients << (clients == 1 ? " client" : " clients") << " on a "
      << topo.value("kind", std::string("network"));
    if (group.contains("members") && group["members"].is_array())
    {
        s << ", group of " << group["members"].size();
    }
    if (traffic.value("pattern", std::string("group")) == "replay")
    {
        s << ", transcript replay";
    }
    else
    {
        uint64_t messages = traffic.value("messages", 0);
        const json& modes = summary.value("modes", json::object());
        if (!modes.empty())
        {
            messages = modes.begin().value().value("messages", messages);
        }
        s << ", " << messages << " messages of " << traffic.value("size", 0) << " bytes";
    }
    s << ", seed " << sc.value("seed", 1) << ", run " << sc.value("run", 1);
    return s.str();
}

/// The empirical CDF of latencies \p v (in units of \p scale ns), to \p hi ns.
Points
CdfPoints(std::vector<int64_t> v, double scale, double hi)
{
    std::sort(v.begin(), v.end());
    Points points{{double(v.front()) / scale, 0}};
    double last = 0;
    const double step = 1.0 / 2000; // at most about 2000 points a curve
    for (std::size_t i = 0; i < v.size(); ++i)
    {
        if (i + 1 < v.size() && v[i + 1] == v[i])
        {
            continue;
        }
        double fraction = double(i + 1) / double(v.size());
        if (fraction - last >= step || i + 1 == v.size())
        {
            points.push_back({double(v[i]) / scale, fraction});
            last = fraction;
        }
    }
    if (double(v.back()) < hi)
    {
        points.push_back({hi / scale, 1}); // every curve runs on to the right edge
    }
    return points;
}

Figure
LatencyCdf(const std::string& scenario, const std::string& subtitle,
           const std::vector<std::string>& modes,
           const std::map<std::string, std::vector<int64_t>>& latencies)
{
    Figure f;
    f.name = "latency-cdf";
    double lo = 0;
    double hi = 0;
    bool first = true;
    for (const auto& [mode, values] : latencies)
    {
        if (values.empty())
        {
            continue;
        }
        auto [mn, mx] = std::minmax_element(values.begin(), values.end());
        lo = first ? double(*mn) : std::min(lo, double(*mn));
        hi = first ? double(*mx) : std::max(hi, double(*mx));
        first = false;
    }
    auto [unit, scale] = TimeUnit(hi);
    bool logX = lo > 0 && hi / lo > 30;

    std::vector<std::string> plotted;
    std::vector<Points> curves;
    std::vector<std::string> empty;
    for (const auto& mode : modes)
    {
        auto it = latencies.find(mode);
        if (it == latencies.end() || it->second.empty())
        {
            empty.push_back(mode);
            continue;
        }
        curves.push_back(CdfPoints(it->second, scale, hi));
        plotted.push_back(mode);
    }
    std::ostringstream data;
    for (std::size_t c = 0; c < curves.size(); ++c)
    {
        data << (c ? "\n\n" : "") << "# " << OneLine(plotted[c]) << ": "
             << latencies.at(plotted[c]).size() << " deliveries\n";
        for (const auto& [x, y] : curves[c])
        {
            data << Number(x) << ' ' << Number(y) << '\n';
        }
    }
    f.data = data.str();

    std::ostringstream s;
    s << ScriptHead(f.name, "Latency CDF per delivery mode: " + scenario + " (" + subtitle + ").",
                    "one block per mode (index 0, 1, ...): latency (" + unit +
                        "), fraction of the deliveries at most that late.")
      << kCommonSettings;
    s << "set title " << Quote("Latency CDF: " + scenario + "\n" + subtitle) << " font \",13\"\n"
      << "set xlabel " << Quote("latency, P1's send to the destination's receive (" + unit + ")")
      << "\n"
      << "set ylabel \"fraction of deliveries (first copies at destinations)\"\n";
    if (logX)
    {
        s << "set logscale x\n"
          << "set xrange [" << Number(lo / scale / 1.3) << ":" << Number(hi / scale * 1.3) << "]\n";
    }
    else
    {
        double span = hi - lo;
        double pad = span > 1e-9 * hi ? 0.05 * span : 0.1 * hi;
        // From zero unless that squeezes the curves into a sliver at the right.
        double left = lo - pad < 0.3 * hi ? 0.0 : lo - pad;
        s << "set xrange [" << Number(left / scale) << ":" << Number((hi + pad) / scale) << "]\n";
    }
    s << "set yrange [0:1.05]\n"
      << "set ytics 0, 0.1, 1\n";
    if (!empty.empty())
    {
        std::string list = Join(empty, ", ");
        s << "# No deliveries at destinations, so no curve: " << OneLine(list) << "\n";
        s << "set label 1 " << Quote("no deliveries: " + list)
          << " at graph 0.02, graph 0.97 left front\n";
    }
    std::vector<std::string> colors = ModeColors(modes);
    std::vector<Overlap> overlaps = FindOverlaps(curves, logX, false, false);
    std::vector<std::string> titles;
    std::ostringstream plot;
    plot << "plot ";
    for (std::size_t i = 0; i < plotted.size(); ++i)
    {
        std::size_t m = std::find(modes.begin(), modes.end(), plotted[i]) - modes.begin();
        std::string title = plotted[i];
        if (overlaps[i].under != i)
        {
            title += " (overlaps " + plotted[overlaps[i].under] + ")";
        }
        titles.push_back(title);
        plot << (i ? ", \\\n     " : "") << "data index " << i << " using 1:2 with steps lw "
             << Fixed(overlaps[i].width, 1) << " lc rgb \"" << colors[m] << "\" title "
             << Quote(title);
    }
    plot << "\n";
    s << KeyBelow(titles);
    s << CurveIndex(plotted) << "\n" << OutputLoop(f.name, plot.str());
    f.script = s.str();
    return f;
}

Figure
LinkStress(const std::string& scenario, const std::string& subtitle,
           const std::vector<std::string>& modes, const json& summaryModes)
{
    Figure f;
    f.name = "link-stress";
    std::ostringstream data;
    data << "# index, link stress max, link stress mean, mode\n";
    double top = 1;
    for (std::size_t i = 0; i < modes.size(); ++i)
    {
        const json& stress = summaryModes[modes[i]].value("link_stress", json::object());
        double mx = stress.value("max", 0.0);
        double mean = stress.value("mean", 0.0);
        top = std::max({top, mx, mean});
        data << i << ' ' << Number(mx) << ' ' << Number(mean) << "  # " << OneLine(modes[i])
             << '\n';
    }
    f.data = data.str();

    std::ostringstream s;
    s << ScriptHead(f.name, "Link stress per delivery mode: " + scenario + " (" + subtitle + ").",
                    "one row per mode: index, link stress max, link stress mean.")
      << kCommonSettings;
    s << "set title " << Quote("Link stress: " + scenario + "\n" + subtitle) << " font \",13\"\n"
      << "set xlabel \"delivery mode\"\n"
      << "set ylabel \"copies of one message on one link (frames)\"\n"
      << ModeTics(modes, kWidth - 150) << "set xrange [-0.6:" << Number(double(modes.size()) - 0.4)
      << "]\n"
      << "set yrange [0:" << Number(top * 1.2) << "]\n"
      << "set grid noxtics\n"
      << "set boxwidth 0.36\n"
      << "set style fill solid 0.85 border lc rgb \"#404040\"\n"
      << "set key inside right top vertical Left reverse\n";
    std::ostringstream plot;
    plot << "plot data using ($1-0.19):2 with boxes lc rgb \"#1f4e79\" "
            "title \"max: the busiest link\", \\\n"
         << "     data using ($1+0.19):3 with boxes lc rgb \"#9dc3e6\" "
            "title \"mean: over the links a message used\", \\\n"
         << "     data using ($1-0.19):2:(sprintf(\"%g\", $2)) with labels offset 0,0.7 "
            "notitle, \\\n"
         << "     data using ($1+0.19):3:(sprintf(\"%.3g\", $3)) with labels offset 0,0.7 "
            "notitle\n";
    s << "\n" << OutputLoop(f.name, plot.str());
    f.script = s.str();
    return f;
}

/// Whether some mode of \p summaryModes has latency_parts_ns (a run with the breakdown).
bool
HasLatencyParts(const std::vector<std::string>& modes, const json& summaryModes)
{
    return std::any_of(modes.begin(), modes.end(),
                       [&](const std::string& m)
                       { return summaryModes[m].contains("latency_parts_ns"); });
}

/// Per mode, its mean latency as stacked parts (transmission, propagation, ...).
Figure
LatencyParts(const std::string& scenario, const std::string& subtitle,
             const std::vector<std::string>& modes, const json& summaryModes)
{
    const std::vector<std::pair<std::string, std::string>> parts = {
        {"transmission", "#1f4e79"}, {"propagation", "#9dc3e6"}, {"queueing", "#c55a11"},
        {"access", "#f4b183"},       {"resolution", "#7f7f7f"},  {"relay", "#70ad47"},
        {"other", "#000000"}};
    Figure f;
    f.name = "latency-parts";
    std::ostringstream data;
    data << "# index, then the mean of each part (transmission, propagation, queueing, access,"
            " resolution, relay, other; ns), mode\n";
    double top = 1;
    for (std::size_t i = 0; i < modes.size(); ++i)
    {
        const json& of = summaryModes[modes[i]].value("latency_parts_ns", json::object());
        double sum = 0;
        data << i;
        for (const auto& [part, color] : parts)
        {
            double v = of.value(part, json::object()).value("mean", 0.0);
            sum += v;
            data << ' ' << Number(v);
        }
        top = std::max(top, sum);
        data << "  # " << OneLine(modes[i]) << '\n';
    }
    f.data = data.str();
    auto [unit, scale] = TimeUnit(top);
    std::ostringstream s;
    s << ScriptHead(f.name,
                    "Where each mode's mean latency goes: " + scenario + " (" + subtitle + ").",
                    "one row per mode: index, the mean of each part in ns (transmission, "
                    "propagation, queueing, access, resolution, relay, other).")
      << kCommonSettings;
    s << "set title " << Quote("Mean latency by part: " + scenario + "\n" + subtitle)
      << " font \",13\"\n"
      << "set xlabel \"delivery mode\"\n"
      << "set ylabel " << Quote("mean latency (" + unit + ")") << "\n"
      << ModeTics(modes, kWidth - 150) << "set xrange [-0.6:" << Number(double(modes.size()) - 0.4)
      << "]\n"
      << "set yrange [0:" << Number(top / scale * 1.15) << "]\n"
      << "set grid noxtics\n"
      << "set boxwidth 0.6\n"
      << "set style fill solid 0.9 border lc rgb \"#404040\"\n"
      << KeyBelow(
             {"transmission", "propagation", "queueing", "access", "resolution", "relay", "other"});
    // Each part's box stands on the parts before it: columns 2.. summed up to it.
    std::ostringstream plot;
    plot << "plot ";
    for (std::size_t p = parts.size(); p-- > 0;)
    {
        std::string sum;
        for (std::size_t q = 0; q <= p; ++q)
        {
            sum += (q ? "+$" : "$") + std::to_string(q + 2);
        }
        plot << (p + 1 == parts.size() ? "" : ", \\\n     ") << "data using 1:((" << sum << ")/"
             << Number(scale) << ") with boxes lc rgb \"" << parts[p].second << "\" title "
             << Quote(parts[p].first);
    }
    plot << "\n";
    s << "\n" << OutputLoop(f.name, plot.str());
    f.script = s.str();
    return f;
}

Figure
PerMessageCost(const std::string& scenario, const std::string& subtitle,
               const std::vector<std::string>& modes, const json& summaryModes)
{
    Figure f;
    f.name = "per-message-cost";
    std::ostringstream data;
    data << "# index, P1 bytes per message, link transmissions per message, mode\n";
    double topBytes = 1;
    double topFrames = 1;
    for (std::size_t i = 0; i < modes.size(); ++i)
    {
        const json& per = summaryModes[modes[i]].value("per_message", json::object());
        double bytes = per.value("source_bytes", 0.0);
        double frames = per.value("link_transmissions", 0.0);
        topBytes = std::max(topBytes, bytes);
        topFrames = std::max(topFrames, frames);
        data << i << ' ' << Number(bytes) << ' ' << Number(frames) << "  # " << OneLine(modes[i])
             << '\n';
    }
    f.data = data.str();

    std::ostringstream s;
    s << ScriptHead(f.name,
                    "P1's bytes and link transmissions per message, per delivery mode: " +
                        scenario + " (" + subtitle + ").",
                    "one row per mode: index, P1 bytes per message, link transmissions per "
                    "message.")
      << kCommonSettings;
    s << "set xrange [-0.6:" << Number(double(modes.size()) - 0.4) << "]\n"
      << ModeTics(modes, kWidth / 2 - 120) << "set grid noxtics\n"
      << "set boxwidth 0.6\n"
      << "set style fill solid 0.85 border lc rgb \"#404040\"\n"
      << "set key inside left top vertical Left reverse\n"
      << "set xlabel \"delivery mode\"\n";
    std::ostringstream plot;
    plot << "set multiplot layout 1,2 title "
         << Quote("Cost per message: " + scenario + "\n" + subtitle) << " font \",13\"\n"
         << "set ylabel \"P1 bytes per message (bytes on the wire)\"\n"
         << "set yrange [0:" << Number(topBytes * 1.25) << "]\n"
         << "plot data using 1:2 with boxes lc rgb \"#1f4e79\" "
            "title \"P1's NICs, headers included\", \\\n"
         << "     data using 1:2:(sprintf(\"%g\", $2)) with labels offset 0,0.7 notitle\n"
         << "set ylabel \"link transmissions per message (frames)\"\n"
         << "set yrange [0:" << Number(topFrames * 1.25) << "]\n"
         << "plot data using 1:3 with boxes lc rgb \"#c55a11\" "
            "title \"frames on all links, by anyone\", \\\n"
         << "     data using 1:3:(sprintf(\"%g\", $3)) with labels offset 0,0.7 notitle\n"
         << "unset multiplot\n";
    s << "\n" << OutputLoop(f.name, plot.str());
    f.script = s.str();
    return f;
}

/// The gossip modes' infection curves (mean infected fraction of the live members after
/// each round, summary.json's gossip.curve) with the mean-field prediction dashed beside
/// each, where one applies (gossip.mean_field).
Figure
InfectionCurve(const std::string& scenario, const std::string& subtitle,
               const std::vector<std::string>& modes, const json& summaryModes)
{
    Figure f;
    f.name = "infection";
    std::vector<std::string> colors = ModeColors(modes);
    std::ostringstream data;
    std::ostringstream plot;
    std::vector<std::string> titles;
    std::size_t index = 0;
    for (std::size_t i = 0; i < modes.size(); ++i)
    {
        const json& g = summaryModes[modes[i]].value("gossip", json::object());
        for (const char* series : {"curve", "mean_field"})
        {
            const json& values = g.value(series, json::array());
            if (values.empty())
            {
                continue;
            }
            bool theory = std::string(series) == "mean_field";
            data << "# " << OneLine(modes[i]) << (theory ? ": mean field" : ": simulated") << "\n";
            for (std::size_t r = 0; r < values.size(); ++r)
            {
                data << r << ' ' << Number(values[r].get<double>()) << '\n';
            }
            data << "\n\n";
            std::string title = modes[i] + (theory ? ", mean field" : ", simulated");
            plot << (index == 0 ? "plot " : ", \\\n     ") << "data index " << index
                 << " using 1:2 with "
                 << (theory ? "lines dt 2 lw 2" : "linespoints pt 7 ps 0.6 lw 2") << " lc rgb \""
                 << colors[i] << "\" title " << Quote(title);
            titles.push_back(title);
            ++index;
        }
    }
    plot << "\n";
    f.data = data.str();
    std::ostringstream s;
    s << ScriptHead(f.name,
                    "Infected fraction of the live members against the round, per gossip mode, "
                    "with the mean-field prediction: " +
                        scenario + " (" + subtitle + ").",
                    "one block per curve: round, infected fraction (mean over messages).")
      << kCommonSettings;
    s << "set title " << Quote("Infection curves: " + scenario + "\n" + subtitle)
      << " font \",13\"\n"
      << "set xlabel \"round\"\n"
      << "set ylabel \"members that have the message (fraction)\"\n"
      << "set yrange [0:1.05]\n"
      << "set grid\n"
      << KeyBelow(titles) << CurveIndex(titles) << "\n"
      << OutputLoop(f.name, plot.str());
    f.script = s.str();
    return f;
}

/// Throughput and latency against the offered message rate, from throughput.csv (the
/// throughput pattern's search): one curve per mode, in the order the rates were tried.
Figure
OfferedLoad(const std::string& scenario, const std::string& subtitle, const std::string& csv)
{
    Figure f;
    f.name = "offered-load";
    auto rows = ParseCsv(csv);
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; !rows.empty() && i < rows[0].size(); ++i)
    {
        column[rows[0][i]] = i;
    }
    for (const char* needed : {"mode", "rate", "delivery_ratio", "latency_mean_ns"})
    {
        if (!column.count(needed))
        {
            throw InputError("throughput.csv", "", std::string("has no column \"") + needed + "\"");
        }
    }
    // Per mode, the steps sorted by rate.
    std::vector<std::string> modes;
    std::map<std::string, std::map<double, std::pair<double, double>>> steps;
    for (std::size_t r = 1; r < rows.size(); ++r)
    {
        const auto& row = rows[r];
        double rate = 0;
        double ratio = 0;
        double latency = 0;
        if (row.size() <= column["latency_mean_ns"] || !ParseNumber(row[column["rate"]], rate) ||
            !ParseNumber(row[column["delivery_ratio"]], ratio) ||
            !ParseNumber(row[column["latency_mean_ns"]], latency))
        {
            continue;
        }
        const std::string& mode = row[column["mode"]];
        if (!steps.count(mode))
        {
            modes.push_back(mode);
        }
        steps[mode][rate] = {ratio, latency / 1e6};
    }
    std::ostringstream data;
    data << "# offered rate (messages/s), delivery ratio, mean latency (ms); one block per mode\n";
    for (const auto& mode : modes)
    {
        data << "# " << OneLine(mode) << "\n";
        for (const auto& [rate, v] : steps[mode])
        {
            data << Number(rate) << ' ' << Number(v.first) << ' ' << Number(v.second) << '\n';
        }
        data << "\n\n";
    }
    f.data = data.str();
    auto colors = ModeColors(modes);
    std::ostringstream s;
    s << ScriptHead(
             f.name, "Delivery ratio and latency against offered load: " + scenario + ".",
             "one block per mode: offered rate (messages/s), delivery ratio, mean latency (ms).")
      << kCommonSettings;
    std::ostringstream plot;
    plot << "set multiplot layout 2,1 title "
         << Quote("Offered load: " + scenario + "\n" + subtitle) << " font \",13\"\n"
         << "set logscale x\n"
         << "set xlabel \"offered load (messages/s)\"\n"
         << "set ylabel \"delivery ratio\"\n"
         << "set yrange [0:1.05]\n"
         << "set key outside right top vertical Left reverse\n"
         << "plot ";
    for (std::size_t i = 0; i < modes.size(); ++i)
    {
        plot << (i ? ", \\\n     " : "") << "data index " << i
             << " using 1:2 with linespoints lw 2 pt 7 lc rgb " << Quote(colors[i]) << " title "
             << Quote(modes[i]);
    }
    plot << ", \\\n     0.999 with lines dt 2 lc rgb \"#888888\" title \"99.9 %\"\n"
         << "set ylabel \"mean latency (ms)\"\n"
         << "set logscale y\n"
         << "set autoscale y\n"
         << "plot ";
    for (std::size_t i = 0; i < modes.size(); ++i)
    {
        plot << (i ? ", \\\n     " : "") << "data index " << i
             << " using 1:3 with linespoints lw 2 pt 7 lc rgb " << Quote(colors[i]) << " title "
             << Quote(modes[i]);
    }
    plot << "\nunset multiplot\n";
    s << "\n" << OutputLoop(f.name, plot.str());
    f.script = s.str();
    return f;
}

} // namespace

std::vector<Figure>
RunFigures(const fs::path& dir)
{
    json summary = json::parse(ReadText(dir / "summary.json"), nullptr, false);
    if (summary.is_discarded() || !summary.contains("modes") || !summary["modes"].is_object())
    {
        throw InputError((dir / "summary.json").string(), "",
                         "is not a gcsim summary (no \"modes\"); " + std::string(kExpected));
    }
    std::vector<std::string> modes;
    for (const auto& [mode, figures] : summary["modes"].items())
    {
        modes.push_back(mode);
    }
    if (modes.empty())
    {
        throw InputError((dir / "summary.json").string(), "", "holds no modes to plot");
    }
    std::string scenario =
        summary.value("scenario", json::object()).value("name", dir.filename().string());

    // deliveries.csv: destination rows, first copies only (streamed: it may be gigabytes).
    std::error_code ec;
    if (fs::exists(dir / "deliveries.csv", ec) && !fs::is_regular_file(dir / "deliveries.csv", ec))
    {
        throw InputError((dir / "deliveries.csv").string(), "", "is not a regular file");
    }
    std::ifstream in(dir / "deliveries.csv");
    if (!in)
    {
        throw InputError(dir.string(), "",
                         "has summary.json but no deliveries.csv; " + std::string(kExpected));
    }
    std::string line;
    std::getline(in, line);
    auto header = ParseCsv(line + "\n");
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; !header.empty() && i < header[0].size(); ++i)
    {
        column[header[0][i]] = i;
    }
    for (const char* needed : {"mode", "destination", "duplicate", "latency_ns"})
    {
        if (!column.count(needed))
        {
            throw InputError((dir / "deliveries.csv").string(), "",
                             std::string("has no column \"") + needed + "\"");
        }
    }
    std::size_t cMode = column["mode"];
    std::size_t cDest = column["destination"];
    std::size_t cDup = column["duplicate"];
    std::size_t cLat = column["latency_ns"];
    std::size_t need = std::max({cMode, cDest, cDup, cLat});
    std::map<std::string, std::vector<int64_t>> latencies;
    std::vector<std::string> fields;
    while (std::getline(in, line))
    {
        fields.clear();
        std::size_t start = 0;
        while (true)
        {
            std::size_t comma = line.find(',', start);
            fields.push_back(line.substr(start, comma - start));
            if (comma == std::string::npos)
            {
                break;
            }
            start = comma + 1;
        }
        if (fields.size() <= need || fields[cDest] != "1" || fields[cDup] != "0")
        {
            continue;
        }
        latencies[fields[cMode]].push_back(std::strtoll(fields[cLat].c_str(), nullptr, 10));
    }
    for (const auto& [mode, values] : latencies)
    {
        if (std::find(modes.begin(), modes.end(), mode) == modes.end())
        {
            modes.push_back(mode);
        }
    }

    std::string subtitle = RunSubtitle(summary);
    std::vector<std::string> summaryModes;
    for (const auto& m : modes)
    {
        if (summary["modes"].contains(m))
        {
            summaryModes.push_back(m);
        }
    }
    std::vector<Figure> figures;
    bool anyDelivery = false;
    for (const auto& [mode, values] : latencies)
    {
        anyDelivery = anyDelivery || !values.empty();
    }
    if (anyDelivery)
    {
        figures.push_back(LatencyCdf(scenario, subtitle, modes, latencies));
    }
    figures.push_back(LinkStress(scenario, subtitle, summaryModes, summary["modes"]));
    figures.push_back(PerMessageCost(scenario, subtitle, summaryModes, summary["modes"]));
    if (HasLatencyParts(summaryModes, summary["modes"]))
    {
        figures.push_back(LatencyParts(scenario, subtitle, summaryModes, summary["modes"]));
    }
    if (std::any_of(summaryModes.begin(), summaryModes.end(),
                    [&summary](const std::string& m)
                    { return summary["modes"][m].contains("gossip"); }))
    {
        figures.push_back(InfectionCurve(scenario, subtitle, summaryModes, summary["modes"]));
    }
    if (fs::exists(dir / "throughput.csv"))
    {
        figures.push_back(OfferedLoad(scenario, subtitle, ReadText(dir / "throughput.csv")));
    }
    return figures;
}

} // namespace plotting
} // namespace gcsim
