#include "plot.h"

#include "models/network/text-file.h"
#include "scratch/gcsim/cli/command.h"
#include "scratch/gcsim/output/atomic-file.h"
#include "scratch/gcsim/output/child-process.h"
#include "scratch/gcsim/output/interrupt.h"
#include "scratch/gcsim/output/results-folder.h"
#include "scratch/gcsim/output/text-format.h"
#include "scratch/gcsim/scenario.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <signal.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <tuple>
#include <unistd.h>

namespace gcsim
{

GnuplotMissing::GnuplotMissing(const std::string& message)
  : std::runtime_error(message)
{
}

namespace
{

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

const char* kExpected = "expected a run folder (summary.json and deliveries.csv, written by "
                        "`gcsim run`) or a sweep folder (sweep.json and aggregate.csv, written "
                        "by `gcsim sweep` or `gcsim collect`)";

const int kWidth = 960;
const int kHeight = 600;

/// One figure: its name (NAME.png, NAME.svg, NAME.gp, NAME.dat) and what gnuplot reads.
struct Figure
{
    std::string name;
    std::string script;
    std::string data;
};

/// \p text on one line, for a comment.
std::string
OneLine(std::string text)
{
    std::replace(text.begin(), text.end(), '\n', ' ');
    std::replace(text.begin(), text.end(), '\r', ' ');
    return text;
}

/// \p text as a gnuplot double-quoted string; "\n" in it breaks the line.
std::string
Quote(const std::string& text)
{
    std::string q = "\"";
    for (char c : text)
    {
        if (c == '"' || c == '\\')
        {
            q += '\\';
            q += c;
        }
        else if (c == '\n')
        {
            q += "\\n";
        }
        else if (c != '\r')
        {
            q += c;
        }
    }
    return q + "\"";
}

/// A text cell parsed as a number; false if it is not one (entirely).
bool
ParseNumber(const std::string& text, double& value)
{
    if (text.empty())
    {
        return false;
    }
    char* end = nullptr;
    errno = 0;
    value = std::strtod(text.c_str(), &end);
    return errno == 0 && end && *end == '\0' && std::isfinite(value);
}

/// CSV text as rows of fields; double-quoted fields may hold commas and doubled quotes.
std::vector<std::vector<std::string>>
ParseCsv(const std::string& text)
{
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    bool any = false;
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        char c = text[i];
        if (quoted)
        {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
            {
                field += '"';
                ++i;
            }
            else if (c == '"')
            {
                quoted = false;
            }
            else
            {
                field += c;
            }
            continue;
        }
        if (c == '"')
        {
            quoted = true;
            any = true;
        }
        else if (c == ',')
        {
            row.push_back(field);
            field.clear();
            any = true;
        }
        else if (c == '\n')
        {
            row.push_back(field);
            rows.push_back(row);
            row.clear();
            field.clear();
            any = false;
        }
        else if (c != '\r')
        {
            field += c;
            any = true;
        }
    }
    if (any)
    {
        row.push_back(field);
        rows.push_back(row);
    }
    return rows;
}

/// The text of regular file \p path: a FIFO or a device in a results folder is not read.
std::string
ReadText(const fs::path& path)
{
    try
    {
        return ns3::gcsim::ReadTextFile(path.string(), 1ULL << 40);
    }
    catch (const std::invalid_argument& e)
    {
        std::string what = e.what(); // "PATH: what is wrong"
        std::string prefix = path.string() + ": ";
        throw InputError(path.string(), "",
                         what.rfind(prefix, 0) == 0 ? what.substr(prefix.size()) : what);
    }
}

/// Colours per mode: the same mode has the same colour in every figure.
std::vector<std::string>
ModeColors(const std::vector<std::string>& modes)
{
    const std::map<std::string, std::string> fixed = {{"unicast", "#0072b2"},
                                                      {"replicated-unicast", "#d55e00"},
                                                      {"multicast", "#009e73"},
                                                      {"broadcast", "#cc79a7"},
                                                      {"overlay", "#e69f00"}};
    const std::vector<std::string> spare = {"#56b4e9", "#8c564b", "#000000", "#7f7f7f",
                                            "#bcbd22", "#17becf", "#9467bd", "#e377c2"};
    std::set<std::string> used;
    std::vector<std::string> colors(modes.size());
    for (std::size_t i = 0; i < modes.size(); ++i)
    {
        auto it = fixed.find(modes[i]);
        if (it != fixed.end())
        {
            colors[i] = it->second;
            used.insert(it->second);
        }
    }
    // The first multicast variant takes multicast's colour if plain multicast is absent.
    for (std::size_t i = 0; i < modes.size(); ++i)
    {
        if (colors[i].empty() && modes[i].rfind("multicast/", 0) == 0 && !used.count("#009e73"))
        {
            colors[i] = "#009e73";
            used.insert(colors[i]);
        }
    }
    std::size_t next = 0;
    for (auto& c : colors)
    {
        if (c.empty())
        {
            while (next < spare.size() && used.count(spare[next]))
            {
                ++next;
            }
            c = spare[next < spare.size() ? next : next % spare.size()];
            used.insert(c);
            ++next;
        }
    }
    return colors;
}

/// The unit latencies in nanoseconds up to \p maxNs read best in: {name, nanoseconds}.
std::pair<std::string, double>
TimeUnit(double maxNs)
{
    if (maxNs < 1e6)
    {
        return {"µs", 1e3};
    }
    if (maxNs < 1e9)
    {
        return {"ms", 1e6};
    }
    return {"s", 1e9};
}

/// The opening of every script: what it draws, how to re-render it, where its files are.
std::string
ScriptHead(const std::string& name, const std::string& what, const std::string& dataColumns)
{
    std::ostringstream s;
    s << "# " << OneLine(what) << "\n"
      << "# Written by gcsim plot. Re-render after editing: gnuplot " << name << ".gp\n"
      << "# (from any folder): it writes " << name << ".png and " << name << ".svg beside itself.\n"
      << "# Data: " << name << ".dat, " << OneLine(dataColumns) << "\n\n"
      << "# The folder of this script: its data and figures are beside it.\n"
      << "dir = \"\"\n"
      << "if (exists(\"ARG0\")) {\n"
      << "    do for [i = strlen(ARG0):1:-1] {\n"
      << "        if (dir eq \"\" && ARG0[i:i] eq \"/\") { dir = ARG0[1:i] }\n"
      << "    }\n"
      << "}\n"
      << "data = dir . \"" << name << ".dat\"\n\n"
      << "reset\n";
    return s.str();
}

/// The loop that draws \p body once per output format, into NAME.png and NAME.svg.
std::string
OutputLoop(const std::string& name, const std::string& body)
{
    std::ostringstream s;
    s << "do for [format in \"png svg\"] {\n"
      << "    if (format eq \"svg\") {\n"
      << "        set terminal svg size " << kWidth << "," << kHeight
      << " dynamic font \"Sans,12\" noenhanced background \"white\"\n"
      << "    } else {\n"
      << "        if (strstrt(GPVAL_TERMINALS, \"pngcairo\") > 0) {\n"
      << "            set terminal pngcairo size " << kWidth << "," << kHeight
      << " font \"Sans,11\" noenhanced\n"
      << "        } else {\n"
      << "            set terminal png size " << kWidth << "," << kHeight << " noenhanced\n"
      << "        }\n"
      << "    }\n"
      << "    set output dir . \"" << name << ".\" . format\n";
    std::istringstream lines(body);
    for (std::string line; std::getline(lines, line);)
    {
        s << (line.empty() ? "" : "    ") << line << "\n";
    }
    s << "    set output\n"
      << "}\n";
    return s.str();
}

/// Settings every figure shares.
const char* kCommonSettings = "set encoding utf8\n"
                              "set grid back lt 1 lc rgb \"#e4e4e4\" lw 1\n"
                              "set border 3 lw 1\n"
                              "set tics nomirror out\n"
                              "set key opaque box lc rgb \"#bbbbbb\" samplen 3 spacing 1.2\n";

/// x tics for bars, one per mode; turned when the labels would collide.
std::string
ModeTics(const std::vector<std::string>& modes, double room)
{
    std::ostringstream s;
    s << "set xtics (";
    std::size_t longest = 0;
    for (std::size_t i = 0; i < modes.size(); ++i)
    {
        s << (i ? ", " : "") << Quote(modes[i]) << " " << i;
        longest = std::max(longest, modes[i].size());
    }
    s << ")";
    // About 7.5 pixels a character at 11 points.
    double each = room / double(std::max<std::size_t>(1, modes.size()));
    if (double(longest) * 7.5 > each)
    {
        s << (each < 60 ? " rotate by -45 left" : " rotate by -25 left");
    }
    s << "\n";
    return s.str();
}

/// The key below the plot, in as many columns as fit, with the bottom margin it needs.
std::string
KeyBelow(const std::vector<std::string>& titles)
{
    std::size_t longest = 1;
    for (const auto& t : titles)
    {
        longest = std::max(longest, t.size());
    }
    // About 7.5 pixels a character, and the line sample beside the text.
    std::size_t columns = std::size_t(double(kWidth - 100) / (7.5 * double(longest + 8)));
    columns = std::max<std::size_t>(1, std::min(columns, titles.size()));
    std::size_t rows = (titles.size() + columns - 1) / columns;
    std::ostringstream s;
    s << "set key below horizontal Left reverse maxcols " << columns << "\n"
      << "set bmargin " << int(std::ceil(double(rows) * 1.2)) + 5 << "\n";
    return s.str();
}

/// A comment naming the curve of each data index, for whoever edits the script.
std::string
CurveIndex(const std::vector<std::string>& titles)
{
    std::ostringstream s;
    s << "\n# The curves, by data index:\n";
    for (std::size_t i = 0; i < titles.size(); ++i)
    {
        s << "#   " << i << ": " << OneLine(titles[i]) << "\n";
    }
    return s.str();
}

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

/// A curve as drawn, in the units of its axes.
using Points = std::vector<std::pair<double, double>>;

/// How curves that lie on one another are drawn so that none hides another.
struct Overlap
{
    std::size_t under; //!< the first curve this one lies on (itself if none)
    double width;      //!< line width: wider the earlier it is drawn in its group
    double size;       //!< point size, likewise
};

/**
 * Finds curves drawn so close to an earlier curve that they would hide it (every point
 * within 0.5 % of the axes' spans; \p logX, \p logY: compared on log axes). A curve is drawn
 * wider the longer the chain of later curves that lie on it (entirely, or with
 * \p segments along a segment between two common x values), so that all of them stay
 * visible as nested lines.
 */
std::vector<Overlap>
FindOverlaps(const std::vector<Points>& curves, bool logX, bool logY, bool segments)
{
    auto tx = [&](double v) { return logX ? std::log10(std::max(v, 1e-300)) : v; };
    auto ty = [&](double v) { return logY ? std::log10(std::max(v, 1e-300)) : v; };
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (const auto& c : curves)
    {
        for (const auto& [x, y] : c)
        {
            x0 = std::min(x0, tx(x));
            x1 = std::max(x1, tx(x));
            y0 = std::min(y0, ty(y));
            y1 = std::max(y1, ty(y));
        }
    }
    double xTolerance = x1 > x0 ? 0.005 * (x1 - x0) : 1e-9;
    double yTolerance = y1 > y0 ? 0.005 * (y1 - y0) : 1e-9;
    auto near = [&](const std::pair<double, double>& a, const std::pair<double, double>& b)
    {
        return std::fabs(tx(a.first) - tx(b.first)) <= xTolerance &&
               std::fabs(ty(a.second) - ty(b.second)) <= yTolerance;
    };
    auto whole = [&](const Points& a, const Points& b)
    {
        if (a.size() != b.size())
        {
            return false;
        }
        for (std::size_t i = 0; i < a.size(); ++i)
        {
            if (!near(a[i], b[i]))
            {
                return false;
            }
        }
        return true;
    };
    auto onSegment = [&](const Points& a, const Points& b)
    {
        for (std::size_t i = 0; i + 1 < a.size(); ++i)
        {
            for (std::size_t j = 0; j + 1 < b.size(); ++j)
            {
                if (near(a[i], b[j]) && near(a[i + 1], b[j + 1]))
                {
                    return true;
                }
            }
        }
        return false;
    };
    std::vector<Overlap> overlaps(curves.size());
    for (std::size_t i = 0; i < curves.size(); ++i)
    {
        overlaps[i].under = i;
        for (std::size_t j = 0; j < i; ++j)
        {
            if (overlaps[j].under == j && whole(curves[i], curves[j]))
            {
                overlaps[i].under = j;
                break;
            }
        }
    }
    std::vector<std::size_t> depth(curves.size(), 0);
    std::size_t deepest = 0;
    for (std::size_t i = curves.size(); i-- > 0;)
    {
        for (std::size_t j = i + 1; j < curves.size(); ++j)
        {
            if (overlaps[j].under == overlaps[i].under ||
                (segments && onSegment(curves[i], curves[j])))
            {
                depth[i] = std::max(depth[i], depth[j] + 1);
            }
        }
        deepest = std::max(deepest, depth[i]);
    }
    double step = deepest ? std::min(1.5, 5.0 / double(deepest)) : 0;
    for (std::size_t i = 0; i < curves.size(); ++i)
    {
        overlaps[i].width = 2 + step * double(depth[i]);
        overlaps[i].size = 1.0 + 0.2 * step * double(depth[i]);
    }
    return overlaps;
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
        std::vector<int64_t> v = it->second;
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
        curves.push_back(points);
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
    if (fs::exists(dir / "throughput.csv"))
    {
        figures.push_back(OfferedLoad(scenario, subtitle, ReadText(dir / "throughput.csv")));
    }
    return figures;
}

// ---- Sweep folders --------------------------------------------------------------------

/// One row of aggregate.csv.
struct AggregateRow
{
    std::vector<std::string> keys; //!< the swept keys' values
    std::string mode;
    double repetitions{0};
    std::map<std::string, std::string> cells;
};

/// How a swept key reads on an axis.
std::string
AxisLabel(const std::string& key, const std::vector<double>& values)
{
    if (key == "group.members")
    {
        bool fractions =
            std::all_of(values.begin(), values.end(), [](double v) { return v > 0 && v < 1; });
        return fractions ? "group size (fraction of the clients)" : "group size (members)";
    }
    const std::map<std::string, std::string> labels = {
        {"topology.clients", "clients"},
        {"traffic.size", "message size (bytes of UDP payload)"},
        {"traffic.messages", "messages"},
        {"delivery.overlay_fanout", "overlay fan-out (children per member)"},
        {"topology.fanout", "tree fan-out (children per router)"},
        {"topology.depth", "tree depth (router levels)"},
        {"topology.clients_per_leaf", "clients per leaf LAN"},
        {"topology.routers", "routers"},
        {"topology.rows", "grid rows (routers)"},
        {"topology.columns", "grid columns (routers)"},
        {"topology.waxman_alpha", "Waxman alpha"},
        {"topology.waxman_beta", "Waxman beta"},
        {"seed", "seed"},
        {"run", "run (RngRun)"},
    };
    auto it = labels.find(key);
    return it == labels.end() ? key : it->second;
}

/// The swept key's last component: topology.kind -> kind.
std::string
ShortKey(const std::string& key)
{
    std::size_t dot = key.rfind('.');
    return dot == std::string::npos ? key : key.substr(dot + 1);
}

/// What the sweep figures share: the rows, the x axis, the curves.
struct SweepLayout
{
    std::string name;
    std::vector<std::string> axes;
    std::vector<AggregateRow> rows;
    int xAxis{-1};                   //!< index into axes; -1: no swept key
    bool numeric{false};             //!< x is numeric (else categories)
    std::vector<std::string> xNames; //!< categories, in order of appearance
    std::vector<std::string> xTics;  //!< their labels, with the keys that move in step
    std::vector<bool> inStep;        //!< per swept key: moves in step with x (together)
    std::vector<double> xValues;     //!< numeric: the distinct values, sorted
    bool logX{false};
    std::string xLabel;
    std::vector<std::string> modes;
    std::vector<std::vector<std::string>> others; //!< the other keys' value combinations
    std::string repetitions;                      //!< "5 repetitions" or "2 to 5 repetitions"
};

double
XOf(const SweepLayout& l, const AggregateRow& row)
{
    if (l.xAxis < 0)
    {
        return 0;
    }
    const std::string& v = row.keys[l.xAxis];
    if (l.numeric)
    {
        double x = 0;
        ParseNumber(v, x);
        return x;
    }
    return double(std::find(l.xNames.begin(), l.xNames.end(), v) - l.xNames.begin());
}

/// Whether swept key \p a tells curves apart: neither x nor in step with it.
bool
IsOther(const SweepLayout& l, std::size_t a)
{
    return int(a) != l.xAxis && !l.inStep[a];
}

std::vector<std::string>
OthersOf(const SweepLayout& l, const AggregateRow& row)
{
    std::vector<std::string> o;
    for (std::size_t i = 0; i < l.axes.size(); ++i)
    {
        if (IsOther(l, i))
        {
            o.push_back(row.keys[i]);
        }
    }
    return o;
}

SweepLayout
ReadSweep(const fs::path& dir)
{
    SweepLayout l;
    json plan = json::parse(ReadText(dir / "sweep.json"), nullptr, false);
    if (plan.is_discarded() || !plan.is_object() || !plan.contains("runs"))
    {
        throw InputError((dir / "sweep.json").string(), "", "is not a gcsim sweep plan");
    }
    l.name = plan.value("name", dir.filename().string());
    if (!fs::exists(dir / "aggregate.csv"))
    {
        throw InputError(dir.string(), "",
                         "is a sweep folder without aggregate.csv: run `gcsim collect " +
                             dir.string() + "` first");
    }
    auto csv = ParseCsv(ReadText(dir / "aggregate.csv"));
    if (csv.empty())
    {
        throw InputError((dir / "aggregate.csv").string(), "", "is empty");
    }
    const auto& header = csv[0];
    auto modeColumn = std::find(header.begin(), header.end(), "mode");
    if (modeColumn == header.end() || modeColumn + 1 == header.end() ||
        *(modeColumn + 1) != "repetitions")
    {
        throw InputError((dir / "aggregate.csv").string(), "",
                         "is not a gcsim aggregate (no mode and repetitions columns)");
    }
    std::size_t m = modeColumn - header.begin();
    l.axes.assign(header.begin(), modeColumn);
    for (std::size_t r = 1; r < csv.size(); ++r)
    {
        const auto& fields = csv[r];
        if (fields.size() != header.size())
        {
            continue;
        }
        AggregateRow row;
        row.keys.assign(fields.begin(), fields.begin() + m);
        row.mode = fields[m];
        ParseNumber(fields[m + 1], row.repetitions);
        for (std::size_t c = m + 2; c < header.size(); ++c)
        {
            row.cells[header[c]] = fields[c];
        }
        l.rows.push_back(row);
    }
    if (l.rows.empty())
    {
        throw InputError((dir / "aggregate.csv").string(), "",
                         "has no results yet (no rows): finish the sweep, then `gcsim collect`");
    }

    // The x axis: group.members if swept and numeric, else the first numeric swept key,
    // else the first swept key as categories.
    auto numericAxis = [&](std::size_t a)
    {
        return std::all_of(l.rows.begin(), l.rows.end(),
                           [&](const AggregateRow& row)
                           {
                               double v = 0;
                               return ParseNumber(row.keys[a], v);
                           });
    };
    auto members = std::find(l.axes.begin(), l.axes.end(), "group.members");
    if (members != l.axes.end() && numericAxis(members - l.axes.begin()))
    {
        l.xAxis = int(members - l.axes.begin());
        l.numeric = true;
    }
    for (std::size_t a = 0; l.xAxis < 0 && a < l.axes.size(); ++a)
    {
        if (numericAxis(a))
        {
            l.xAxis = int(a);
            l.numeric = true;
        }
    }
    if (l.xAxis < 0 && !l.axes.empty())
    {
        l.xAxis = 0;
    }
    // Keys swept together with x (one value per x value) label x rather than curves.
    l.inStep.assign(l.axes.size(), false);
    for (std::size_t a = 0; l.xAxis >= 0 && a < l.axes.size(); ++a)
    {
        std::map<std::string, std::set<std::string>> values;
        std::set<std::string> all;
        for (const auto& row : l.rows)
        {
            values[row.keys[l.xAxis]].insert(row.keys[a]);
            all.insert(row.keys[a]);
        }
        l.inStep[a] = int(a) != l.xAxis && all.size() > 1 &&
                      std::all_of(values.begin(), values.end(),
                                  [](const auto& v) { return v.second.size() == 1; });
    }
    std::set<double> xs;
    for (const auto& row : l.rows)
    {
        if (l.xAxis >= 0 && !l.numeric &&
            std::find(l.xNames.begin(), l.xNames.end(), row.keys[l.xAxis]) == l.xNames.end())
        {
            l.xNames.push_back(row.keys[l.xAxis]);
            std::string tic = row.keys[l.xAxis];
            for (std::size_t a = 0; a < l.axes.size(); ++a)
            {
                tic += l.inStep[a] ? ", " + row.keys[a] : "";
            }
            l.xTics.push_back(tic);
        }
        if (std::find(l.modes.begin(), l.modes.end(), row.mode) == l.modes.end())
        {
            l.modes.push_back(row.mode);
        }
        auto o = OthersOf(l, row);
        if (std::find(l.others.begin(), l.others.end(), o) == l.others.end())
        {
            l.others.push_back(o);
        }
    }
    if (l.xAxis < 0)
    {
        l.xNames.push_back("(nothing swept)");
        l.xTics = l.xNames;
    }
    if (l.numeric)
    {
        for (const auto& row : l.rows)
        {
            xs.insert(XOf(l, row));
        }
        l.xValues.assign(xs.begin(), xs.end());
        l.logX = l.xValues.front() > 0 && l.xValues.back() / l.xValues.front() >= 4;
        l.xLabel = AxisLabel(l.axes[l.xAxis], l.xValues);
    }
    else
    {
        l.xLabel = l.xAxis >= 0 ? l.axes[l.xAxis] : "";
    }
    std::string together;
    for (std::size_t a = 0; a < l.axes.size(); ++a)
    {
        together += l.inStep[a] ? (together.empty() ? "" : ", ") + l.axes[a] : "";
    }
    if (!together.empty())
    {
        l.xLabel += (l.numeric ? " (with " : ", with ") + together + (l.numeric ? " in step)" : "");
    }
    double rMin = l.rows.front().repetitions;
    double rMax = rMin;
    for (const auto& row : l.rows)
    {
        rMin = std::min(rMin, row.repetitions);
        rMax = std::max(rMax, row.repetitions);
    }
    l.repetitions = (rMin == rMax ? Number(rMin) : Number(rMin) + " to " + Number(rMax)) +
                    (rMax == 1 ? " repetition" : " repetitions");
    return l;
}

/// A curve's name in the legend: the mode, then the other swept keys' values.
std::string
CurveTitle(const SweepLayout& l, const std::string& mode, const std::vector<std::string>& others)
{
    std::string title = mode;
    std::size_t k = 0;
    for (std::size_t i = 0; i < l.axes.size(); ++i)
    {
        if (!IsOther(l, i))
        {
            continue;
        }
        title += ", " + ShortKey(l.axes[i]) + "=" + others[k++];
    }
    return title;
}

/// The one other swept key's value.
std::string
OneValue(const std::vector<std::string>& others)
{
    return others.empty() ? "" : others.front();
}

/// What one sweep figure shows.
struct SweepMetric
{
    std::string name;   //!< the figure's name
    std::string column; //!< the figure in aggregate.csv (COLUMN_mean, COLUMN_ci95)
    std::string title;  //!< its first title line
    std::string what;   //!< the y label, before the unit
    bool time{false};   //!< nanoseconds, shown in a readable unit
    std::string unit;   //!< otherwise, its unit
    bool alwaysLogY{false};
};

Figure
SweepFigure(const SweepLayout& l, const SweepMetric& metric, const fs::path& dir)
{
    Figure f;
    f.name = metric.name;
    std::string meanColumn = metric.column + "_mean";
    std::string ciColumn = metric.column + "_ci95";
    if (!l.rows.front().cells.count(meanColumn))
    {
        throw InputError((dir / "aggregate.csv").string(), "",
                         "has no column " + meanColumn + ": collect it again with this gcsim");
    }
    struct Point
    {
        double x, mean, ci;
    };
    double top = 0;
    double bottom = INFINITY;
    bool positive = true;
    std::map<std::pair<std::string, std::vector<std::string>>, std::vector<Point>> curves;
    for (const auto& row : l.rows)
    {
        double mean = 0;
        double ci = 0;
        if (!ParseNumber(row.cells.at(meanColumn), mean))
        {
            continue;
        }
        auto it = row.cells.find(ciColumn);
        if (it == row.cells.end() || !ParseNumber(it->second, ci))
        {
            ci = 0;
        }
        curves[{row.mode, OthersOf(l, row)}].push_back({XOf(l, row), mean, ci});
        top = std::max(top, mean + ci);
        positive = positive && mean > 0;
        if (mean > 0)
        {
            bottom = std::min(bottom, mean - ci > 0 ? mean - ci : mean);
        }
    }
    std::string unit = metric.unit;
    double scale = 1;
    if (metric.time)
    {
        std::tie(unit, scale) = TimeUnit(top);
    }
    bool logY =
        positive && bottom < INFINITY && (metric.alwaysLogY ? top > bottom : top / bottom > 50);

    struct Curve
    {
        std::size_t mode;
        std::size_t others;
        std::vector<Point> points;
    };
    std::vector<Curve> drawn;
    std::vector<Points> shapes;
    for (std::size_t m = 0; m < l.modes.size(); ++m)
    {
        for (std::size_t o = 0; o < l.others.size(); ++o)
        {
            auto it = curves.find({l.modes[m], l.others[o]});
            if (it == curves.end())
            {
                continue;
            }
            Curve c{m, o, it->second};
            std::sort(c.points.begin(), c.points.end(),
                      [](const Point& a, const Point& b) { return a.x < b.x; });
            Points shape;
            for (const auto& p : c.points)
            {
                shape.push_back({p.x, p.mean});
            }
            drawn.push_back(c);
            shapes.push_back(shape);
        }
    }
    std::vector<Overlap> overlaps = FindOverlaps(shapes, l.numeric && l.logX, logY, true);

    // With other swept keys the legend is factored: colour names the mode, line and point
    // style the other keys' values; curves drawn on one another are listed below.
    bool factored = l.others.size() > 1;
    std::ostringstream data;
    std::vector<std::string> clauses;
    std::vector<std::string> curveTitles;
    std::vector<std::string> colors = ModeColors(l.modes);
    const int pointTypes[] = {7, 5, 9, 11, 13, 15, 4, 6};
    for (std::size_t i = 0; i < drawn.size(); ++i)
    {
        const Curve& c = drawn[i];
        std::string title = CurveTitle(l, l.modes[c.mode], l.others[c.others]);
        curveTitles.push_back(title);
        data << (i ? "\n\n" : "") << "# " << OneLine(title) << "\n";
        for (const auto& p : c.points)
        {
            data << Number(p.x) << ' ' << Number(p.mean / scale) << ' ' << Number(p.ci / scale)
                 << ' ' << Number((p.mean - p.ci) / scale) << ' ' << Number((p.mean + p.ci) / scale)
                 << '\n';
        }
        if (overlaps[i].under != i && !factored)
        {
            title += " (overlaps " + l.modes[drawn[overlaps[i].under].mode] + ")";
        }
        std::ostringstream clause;
        clause << "data index " << i << " using 1:2:4:5 with yerrorlines lw "
               << Fixed(overlaps[i].width, 1) << " lc rgb \"" << colors[c.mode] << "\" dt "
               << (c.others % 5) + 1 << " pt " << pointTypes[c.others % 8] << " ps "
               << Fixed(overlaps[i].size, 2) << " "
               << (factored ? std::string("notitle") : "title " + Quote(title));
        clauses.push_back(clause.str());
    }
    if (factored)
    {
        auto heading = [](const std::string& text)
        { return "keyentry with lines lt nodraw title " + Quote(text); };
        clauses.push_back(heading("mode"));
        for (std::size_t m = 0; m < l.modes.size(); ++m)
        {
            clauses.push_back("keyentry with lines lw 2 lc rgb \"" + colors[m] + "\" title " +
                              Quote(l.modes[m]));
        }
        clauses.push_back(heading(" "));
        std::string keys;
        for (std::size_t a = 0; a < l.axes.size(); ++a)
        {
            if (IsOther(l, a))
            {
                keys += (keys.empty() ? "" : ", ") + ShortKey(l.axes[a]);
            }
        }
        clauses.push_back(heading(keys));
        for (std::size_t o = 0; o < l.others.size(); ++o)
        {
            std::ostringstream e;
            e << "keyentry with linespoints lw 2 lc rgb \"#404040\" dt " << (o % 5) + 1 << " pt "
              << pointTypes[o % 8] << " title "
              << Quote(keys.find(',') == std::string::npos
                           ? OneValue(l.others[o])
                           : CurveTitle(l, "", l.others[o]).substr(2));
            clauses.push_back(e.str());
        }
        bool first = true;
        for (std::size_t i = 0; i < drawn.size(); ++i)
        {
            if (overlaps[i].under != i)
            {
                continue;
            }
            std::vector<std::size_t> group;
            for (std::size_t j = i; j < drawn.size(); ++j)
            {
                if (overlaps[j].under == i)
                {
                    group.push_back(j);
                }
            }
            if (group.size() < 2)
            {
                continue;
            }
            if (first)
            {
                clauses.push_back(heading(" "));
                clauses.push_back(heading("drawn on one another:"));
                first = false;
            }
            for (std::size_t k = 0; k < group.size(); ++k)
            {
                const Curve& c = drawn[group[k]];
                clauses.push_back(
                    heading((k ? " + " : "") + CurveTitle(l, l.modes[c.mode], l.others[c.others])));
            }
        }
    }
    f.data = data.str();

    std::string xName = l.xAxis >= 0 ? l.axes[l.xAxis] : std::string("nothing");
    std::string subtitle = "mean of " + l.repetitions + " per point";
    std::ostringstream s;
    s << ScriptHead(f.name, metric.title + " against " + xName + ": sweep " + l.name + ".",
                    "one block per curve (index 0, 1, ...): " + xName + ", mean (" + unit +
                        "), 95 % confidence half-width, mean - half-width, mean + half-width.")
      << kCommonSettings;
    s << "set title "
      << Quote(metric.title + ": " + l.name + "\n" + subtitle + "; bars: 95 % confidence interval")
      << " font \",13\"\n"
      << "set xlabel " << Quote(l.xLabel) << "\n"
      << "set ylabel " << Quote(metric.what + " (" + unit + ")") << "\n";
    if (l.numeric)
    {
        double lo = l.xValues.front();
        double hi = l.xValues.back();
        if (l.logX)
        {
            s << "set logscale x 2\n"
              << "set xrange [" << Number(lo / 1.25) << ":" << Number(hi * 1.25) << "]\n";
        }
        else
        {
            double pad = hi > lo ? 0.05 * (hi - lo) : std::max(1.0, std::fabs(hi) * 0.1);
            s << "set xrange [" << Number(lo - pad) << ":" << Number(hi + pad) << "]\n";
        }
        if (l.xValues.size() <= 16)
        {
            s << "set xtics (";
            for (std::size_t i = 0; i < l.xValues.size(); ++i)
            {
                s << (i ? ", " : "") << Number(l.xValues[i]);
            }
            s << ")\n";
        }
    }
    else
    {
        s << "set xrange [-0.5:" << Number(double(l.xNames.size()) - 0.5) << "]\n"
          << ModeTics(l.xTics, kWidth - 300);
    }
    if (logY)
    {
        s << "set logscale y\n"
          << "set yrange [" << Number(bottom / scale / 1.6) << ":" << Number(top / scale * 1.6)
          << "]\n"
          << "set mytics 10\n";
    }
    else
    {
        s << "set yrange [0:" << Number(top > 0 ? top / scale * 1.08 : 1) << "]\n";
    }
    s << "set key outside right top vertical Left reverse\n";
    std::ostringstream plot;
    plot << "plot ";
    for (std::size_t i = 0; i < clauses.size(); ++i)
    {
        plot << (i ? ", \\\n     " : "") << clauses[i];
    }
    plot << "\n";
    s << CurveIndex(curveTitles) << "\n" << OutputLoop(f.name, plot.str());
    f.script = s.str();
    return f;
}

std::vector<Figure>
SweepFigures(const fs::path& dir)
{
    SweepLayout l = ReadSweep(dir);
    std::vector<SweepMetric> metrics = {
        {"latency-mean", "latency_ns_mean", "Mean latency",
         "mean latency, P1's send to the destination's receive", true, "", false},
        {"source-bytes", "per_message_source_bytes", "P1 bytes per message",
         "P1 bytes per message, on the wire", false, "bytes", true},
        {"link-transmissions", "per_message_link_transmissions", "Link transmissions per message",
         "link transmissions per message", false, "frames", true},
    };
    std::vector<Figure> figures;
    for (const auto& metric : metrics)
    {
        figures.push_back(SweepFigure(l, metric, dir));
    }
    return figures;
}

// ---- Rendering -------------------------------------------------------------------------

/// \p program as an executable path: itself if it names a path, else looked up on PATH.
std::string
FindProgram(const std::string& program)
{
    auto executable = [](const std::string& file)
    {
        struct stat st;
        return ::stat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
               ::access(file.c_str(), X_OK) == 0;
    };
    if (program.find('/') != std::string::npos)
    {
        return executable(program) ? program : "";
    }
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size())
    {
        std::size_t colon = dirs.find(':', start);
        std::string d = dirs.substr(start, colon - start);
        std::string candidate = (d.empty() ? "." : d) + "/" + program;
        if (executable(candidate))
        {
            return candidate;
        }
        if (colon == std::string::npos)
        {
            break;
        }
        start = colon + 1;
    }
    return "";
}

/// Runs `gnuplot SCRIPT...` in \p folder; returns its exit status and what it printed.
std::pair<int, std::string>
RunGnuplot(const std::string& gnuplot, const std::string& folder,
           const std::vector<std::string>& scripts)
{
    ChildSpec spec;
    spec.program = gnuplot;
    spec.args = {"gnuplot"};
    spec.args.insert(spec.args.end(), scripts.begin(), scripts.end());
    spec.folder = folder;
    spec.stdinFromNull = true;
    return RunCapturingOutput(spec, "gnuplot");
}

void
WriteFile(const fs::path& path, const std::string& text, const fs::path& shown)
{
    OutputFile f(path.string(), shown.string());
    f << text;
    f.Close();
}

} // namespace

std::vector<std::string>
PlotFolder(const std::string& folder, std::ostream& out, const PlotOptions& options)
{
    fs::path dir(folder);
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
    {
        throw InputError(folder, "", "is not a folder; " + std::string(kExpected));
    }
    std::vector<Figure> figures;
    // Drawn only into a folder of gcsim's: a user's folder keeps its own plots/.
    if (IsSweepFolder(folder))
    {
        figures = SweepFigures(dir);
    }
    else if (IsRunFolder(folder))
    {
        figures = RunFigures(dir);
    }
    else
    {
        throw InputError(folder, "",
                         "is neither a run folder nor a sweep folder; " + std::string(kExpected));
    }

    std::string gnuplot = FindProgram(options.gnuplot);
    if (gnuplot.empty())
    {
        throw GnuplotMissing(
            "gnuplot not found (looked for `" + options.gnuplot +
            "` on PATH): gcsim plot draws its figures with gnuplot; install it with "
            "`apt-get install gnuplot-nox` (or scripts/setup.sh)");
    }

    fs::path plots = dir / "plots";
    bool made = !fs::exists(fs::symlink_status(plots, ec));
    fs::create_directories(plots, ec);
    if (!fs::is_directory(plots))
    {
        throw InputError(plots.string(), "",
                         ec ? "cannot be created: " + ec.message() : "is not a folder");
    }
    // A plot that fails leaves no plots/ it made (empty by then: its figures never got there).
    struct RemoveIfMade
    {
        const fs::path& plots;
        bool made;
        bool done{false};
        ~RemoveIfMade()
        {
            std::error_code ignored;
            if (made && !done)
            {
                fs::remove(plots, ignored);
            }
        }
    } removeIfMade{plots, made};
    RemoveOnInterrupt removeIfInterrupted;
    if (made)
    {
        removeIfInterrupted = RemoveOnInterrupt(plots.string(), RemoveOnInterrupt::EMPTY_FOLDER);
    }
    RemoveDeadStaging(plots.string());
    StagingFolder staging(plots.string(), "plots", plots.string());
    fs::path stage(staging.Path());
    const char* extensions[] = {".dat", ".gp", ".svg", ".png"};
    std::vector<std::string> scripts;
    for (const auto& f : figures)
    {
        WriteFile(stage / (f.name + ".dat"), f.data, plots / (f.name + ".dat"));
        WriteFile(stage / (f.name + ".gp"), f.script, plots / (f.name + ".gp"));
        scripts.push_back(f.name + ".gp");
    }
    // One gnuplot for all the scripts, one after the other: it stops at the first error.
    auto [status, messages] = RunGnuplot(gnuplot, stage.string(), scripts);
    if (status == 127)
    {
        throw GnuplotMissing("cannot run " + gnuplot);
    }
    if (status != 0)
    {
        throw std::runtime_error("gnuplot failed (exit status " + std::to_string(status) + "):\n" +
                                 messages);
    }
    for (const auto& f : figures)
    {
        for (const char* ext : {".png", ".svg"})
        {
            if (fs::file_size(stage / (f.name + ext), ec) == 0 || ec)
            {
                throw std::runtime_error("gnuplot wrote no " + f.name + ext + ":\n" + messages);
            }
        }
    }
    // Every figure rendered: now into place, each file by one rename, all of them.
    std::vector<std::string> names;
    {
        DeferInterrupts defer;
        for (const auto& f : figures)
        {
            for (const char* ext : extensions)
            {
                fs::rename(stage / (f.name + ext), plots / (f.name + ext), ec);
                if (ec)
                {
                    throw WriteError("cannot write " + (plots / (f.name + ext)).string() + ": " +
                                     ec.message());
                }
            }
            names.push_back(f.name);
        }
    }
    removeIfMade.done = true;
    out << "plots in " << plots.string() << ":";
    for (const auto& n : names)
    {
        out << ' ' << n;
    }
    out << " (.png, .svg; each NAME.gp re-renders with `gnuplot NAME.gp`)\n";
    return names;
}

int
PlotCommand(const std::string& folder, std::ostream& out, std::ostream& err,
            const PlotOptions& options)
{
    try
    {
        PlotFolder(folder, out, options);
        return EXIT_OK;
    }
    catch (const GnuplotMissing& e)
    {
        err << "gcsim: error: " << e.what() << '\n';
        return EXIT_INTERNAL;
    }
}

} // namespace gcsim
