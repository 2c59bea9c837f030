#include "sweep-figures.h"

#include "models/network/text-file.h"
#include "plot-csv.h"
#include "scratch/gcsim/output/text-format.h"
#include "scratch/gcsim/scenario.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
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

/// The plan's name and aggregate.csv's swept keys and rows into \p l.
void
ReadAggregate(const fs::path& dir, SweepLayout& l)
{
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
}

/**
 * The x axis: group.members if swept and numeric, else the first numeric swept key, else
 * the first swept key as categories; and the keys swept in step with it.
 */
void
ChooseXAxis(SweepLayout& l)
{
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
}

/// The categories, modes and curves of \p l, and the x label and repetitions it shows.
void
LabelAxes(SweepLayout& l)
{
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
}

SweepLayout
ReadSweep(const fs::path& dir)
{
    SweepLayout l;
    ReadAggregate(dir, l);
    ChooseXAxis(l);
    LabelAxes(l);
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

/// One point of a sweep curve: x, the mean and its 95 % confidence half-width.
struct SweepPoint
{
    double x, mean, ci;
};

/// One curve: a mode and one combination of the other swept keys.
struct SweepCurve
{
    std::size_t mode;
    std::size_t others;
    std::vector<SweepPoint> points;
};

/// The curves of one metric, in drawing order, and the range of their values.
struct SweepCurves
{
    std::vector<SweepCurve> drawn;
    std::vector<Points> shapes; //!< each curve's (x, mean), for FindOverlaps
    double top{0};
    double bottom{INFINITY};
    bool positive{true};
};

SweepCurves
ReadCurves(const SweepLayout& l, const SweepMetric& metric, const fs::path& dir)
{
    std::string meanColumn = metric.column + "_mean";
    std::string ciColumn = metric.column + "_ci95";
    if (!l.rows.front().cells.count(meanColumn))
    {
        throw InputError((dir / "aggregate.csv").string(), "",
                         "has no column " + meanColumn + ": collect it again with this gcsim");
    }
    SweepCurves result;
    std::map<std::pair<std::string, std::vector<std::string>>, std::vector<SweepPoint>> curves;
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
        result.top = std::max(result.top, mean + ci);
        result.positive = result.positive && mean > 0;
        if (mean > 0)
        {
            result.bottom = std::min(result.bottom, mean - ci > 0 ? mean - ci : mean);
        }
    }
    for (std::size_t m = 0; m < l.modes.size(); ++m)
    {
        for (std::size_t o = 0; o < l.others.size(); ++o)
        {
            auto it = curves.find({l.modes[m], l.others[o]});
            if (it == curves.end())
            {
                continue;
            }
            SweepCurve c{m, o, it->second};
            std::sort(c.points.begin(), c.points.end(),
                      [](const SweepPoint& a, const SweepPoint& b) { return a.x < b.x; });
            Points shape;
            for (const auto& p : c.points)
            {
                shape.push_back({p.x, p.mean});
            }
            result.drawn.push_back(c);
            result.shapes.push_back(shape);
        }
    }
    return result;
}

const int kPointTypes[] = {7, 5, 9, 11, 13, 15, 4, 6};

/// A title-only key entry.
std::string
KeyHeading(const std::string& text)
{
    return "keyentry with lines lt nodraw title " + Quote(text);
}

/**
 * The factored legend, with other swept keys: colour names the mode, line and point style
 * the other keys' values; curves drawn on one another are listed below.
 */
void
FactoredKey(const SweepLayout& l, const std::vector<SweepCurve>& drawn,
            const std::vector<Overlap>& overlaps, const std::vector<std::string>& colors,
            std::vector<std::string>& clauses)
{
    clauses.push_back(KeyHeading("mode"));
    for (std::size_t m = 0; m < l.modes.size(); ++m)
    {
        clauses.push_back("keyentry with lines lw 2 lc rgb \"" + colors[m] + "\" title " +
                          Quote(l.modes[m]));
    }
    clauses.push_back(KeyHeading(" "));
    std::string keys;
    for (std::size_t a = 0; a < l.axes.size(); ++a)
    {
        if (IsOther(l, a))
        {
            keys += (keys.empty() ? "" : ", ") + ShortKey(l.axes[a]);
        }
    }
    clauses.push_back(KeyHeading(keys));
    for (std::size_t o = 0; o < l.others.size(); ++o)
    {
        std::ostringstream e;
        e << "keyentry with linespoints lw 2 lc rgb \"#404040\" dt " << (o % 5) + 1 << " pt "
          << kPointTypes[o % 8] << " title "
          << Quote(keys.find(',') == std::string::npos ? OneValue(l.others[o])
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
            clauses.push_back(KeyHeading(" "));
            clauses.push_back(KeyHeading("drawn on one another:"));
            first = false;
        }
        for (std::size_t k = 0; k < group.size(); ++k)
        {
            const SweepCurve& c = drawn[group[k]];
            clauses.push_back(
                KeyHeading((k ? " + " : "") + CurveTitle(l, l.modes[c.mode], l.others[c.others])));
        }
    }
}

/// The x and y ranges and tics of a sweep figure.
std::string
SweepAxes(const SweepLayout& l, bool logY, double bottom, double top, double scale)
{
    std::ostringstream s;
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
    return s.str();
}

Figure
SweepFigure(const SweepLayout& l, const SweepMetric& metric, const fs::path& dir)
{
    Figure f;
    f.name = metric.name;
    SweepCurves curves = ReadCurves(l, metric, dir);
    double top = curves.top;
    double bottom = curves.bottom;
    std::string unit = metric.unit;
    double scale = 1;
    if (metric.time)
    {
        std::tie(unit, scale) = TimeUnit(top);
    }
    bool logY = curves.positive && bottom < INFINITY &&
                (metric.alwaysLogY ? top > bottom : top / bottom > 50);
    const std::vector<SweepCurve>& drawn = curves.drawn;
    std::vector<Overlap> overlaps = FindOverlaps(curves.shapes, l.numeric && l.logX, logY, true);

    // With other swept keys the legend is factored (FactoredKey).
    bool factored = l.others.size() > 1;
    std::ostringstream data;
    std::vector<std::string> clauses;
    std::vector<std::string> curveTitles;
    std::vector<std::string> colors = ModeColors(l.modes);
    for (std::size_t i = 0; i < drawn.size(); ++i)
    {
        const SweepCurve& c = drawn[i];
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
               << (c.others % 5) + 1 << " pt " << kPointTypes[c.others % 8] << " ps "
               << Fixed(overlaps[i].size, 2) << " "
               << (factored ? std::string("notitle") : "title " + Quote(title));
        clauses.push_back(clause.str());
    }
    if (factored)
    {
        FactoredKey(l, drawn, overlaps, colors, clauses);
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
      << "set ylabel " << Quote(metric.what + " (" + unit + ")") << "\n"
      << SweepAxes(l, logY, bottom, top, scale);
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

} // namespace

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
    // Paired against the run's baseline mode (aggregate.csv of a gcsim that writes them).
    const auto& first = l.rows.front().cells;
    auto baseline = first.find("baseline");
    if (baseline != first.end() && first.count("paired_link_transmissions_ratio_mean"))
    {
        std::string against = "/ " + baseline->second + " in the same run";
        metrics.push_back({"paired-link-transmissions", "paired_link_transmissions_ratio",
                           "Link transmissions " + against, "link transmissions " + against,
                           false, "ratio", false});
        metrics.push_back({"paired-latency-mean", "paired_latency_ns_mean_ratio",
                           "Mean latency " + against, "mean latency " + against, false, "ratio",
                           false});
    }
    std::vector<Figure> figures;
    for (const auto& metric : metrics)
    {
        figures.push_back(SweepFigure(l, metric, dir));
    }
    return figures;
}

} // namespace plotting
} // namespace gcsim
