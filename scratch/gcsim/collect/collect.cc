#include "collect.h"

#include "columns.h"
#include "models/network/text-file.h"
#include "scratch/gcsim/output/atomic-file.h"
#include "scratch/gcsim/output/results-folder.h"
#include "scratch/gcsim/output/text-format.h"
#include "scratch/gcsim/scenario.h"
#include "scratch/gcsim/scenario/reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gsl/gsl_cdf.h>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

namespace gcsim
{

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

MeanCi
MeanWithCi(const std::vector<double>& values)
{
    MeanCi r;
    r.n = values.size();
    if (values.empty())
    {
        r.mean = r.ci95 = std::nan("");
        return r;
    }
    long double sum = 0;
    for (double v : values)
    {
        sum += v;
    }
    r.mean = double(sum / values.size());
    if (values.size() < 2)
    {
        r.ci95 = std::nan("");
        return r;
    }
    long double squares = 0;
    for (double v : values)
    {
        squares += (v - r.mean) * (v - r.mean);
    }
    double sd = std::sqrt(double(squares / (values.size() - 1)));
    double t = gsl_cdf_tdist_Pinv(0.975, double(values.size() - 1));
    r.ci95 = t * sd / std::sqrt(double(values.size()));
    return r;
}

std::pair<double, double>
BootstrapCi(const std::vector<double>& values, std::size_t resamples, uint64_t seed)
{
    if (values.size() < 2)
    {
        return {std::nan(""), std::nan("")};
    }
    std::mt19937_64 rng(seed);
    std::vector<double> means;
    means.reserve(resamples);
    for (std::size_t b = 0; b < resamples; ++b)
    {
        long double sum = 0;
        for (std::size_t i = 0; i < values.size(); ++i)
        {
            sum += values[rng() % values.size()];
        }
        means.push_back(double(sum / values.size()));
    }
    std::sort(means.begin(), means.end());
    auto at = [&](double q) { return means[static_cast<std::size_t>(q * (resamples - 1) + 0.5)]; };
    return {at(0.025), at(0.975)};
}

const std::vector<std::string>&
PairedFigures()
{
    static const std::vector<std::string> figures = {
        "link_transmissions", "core_link_transmissions", "access_link_transmissions",
        "source_bytes",       "latency_ns_mean",         "latency_ns_p99",
        "completion_ns_mean"};
    return figures;
}

std::string
BaselineMode(const std::vector<std::string>& modes, const std::string& preferred)
{
    if (!preferred.empty() && std::find(modes.begin(), modes.end(), preferred) != modes.end())
    {
        return preferred;
    }
    if (std::find(modes.begin(), modes.end(), "replicated-unicast") != modes.end())
    {
        return "replicated-unicast";
    }
    return modes.empty() ? "" : modes.front();
}

namespace
{

/// Every numeric figure of a mode's summary, flattened: latency_ns.p99 -> latency_ns_p99.
void
Flatten(const json& j, const std::string& prefix, std::vector<std::pair<std::string, double>>& out)
{
    for (const auto& [k, v] : j.items())
    {
        std::string name = prefix.empty() ? k : prefix + "_" + k;
        if (v.is_object())
        {
            Flatten(v, name, out);
        }
        else if (v.is_number())
        {
            out.push_back({name, v.get<double>()});
        }
    }
}

/**
 * InputError naming \p where unless \p plan is what WriteSweepPlan writes: "axes" a list of
 * keys, "runs" a list of {"id": 16 hex digits, "keys": {key: text}, "repetition": number}.
 */
void
CheckPlan(const json& plan, const std::string& where)
{
    auto bad = [&](const std::string& what)
    { return InputError(where, "", "is not a gcsim sweep plan: " + what); };
    if (plan.is_discarded() || !plan.is_object())
    {
        throw bad("not a JSON object");
    }
    if (!plan.contains("axes") || !plan["axes"].is_array())
    {
        throw bad("no list \"axes\"");
    }
    for (const auto& axis : plan["axes"])
    {
        if (!axis.is_string())
        {
            throw bad("an axis that is not a key");
        }
    }
    if (!plan.contains("runs") || !plan["runs"].is_array())
    {
        throw bad("no list \"runs\"");
    }
    for (const auto& run : plan["runs"])
    {
        bool valid = run.is_object() && run.contains("id") && run["id"].is_string() &&
                     run.contains("keys") && run["keys"].is_object() &&
                     run.contains("repetition") && run["repetition"].is_number_unsigned() &&
                     run["repetition"].get<uint64_t>() >= 1 &&
                     run["repetition"].get<uint64_t>() <= 100000;
        std::string id = valid ? run["id"].get<std::string>() : "";
        if (!valid || id.size() != 16 ||
            id.find_first_not_of("0123456789abcdef") != std::string::npos)
        {
            throw bad("a run without its 16-digit id, keys and repetition (1 to 100000)");
        }
        for (const auto& [key, value] : run["keys"].items())
        {
            if (!value.is_string())
            {
                throw bad("run " + id + " has a key whose value is not text");
            }
        }
    }
}

/// A run's swept values in the order of \p axes, a TOML string as its text.
std::vector<std::string>
KeyValues(const json& run, const std::vector<std::string>& axes)
{
    std::vector<std::string> keyValues;
    for (const auto& axis : axes)
    {
        std::string v = run["keys"].value(axis, "");
        if (v.size() >= 2 && (v.front() == '\'' || v.front() == '"') && v.back() == v.front())
        {
            v = v.substr(1, v.size() - 2); // a TOML string: the text itself
        }
        keyValues.push_back(v);
    }
    return keyValues;
}

/// summary.csv as it is written, and each combination's figures for aggregate.csv.
struct Collected
{
    /// One run's mode: summary.csv's row and long.csv's rows.
    struct Row
    {
        std::string id;
        std::vector<std::string> keys;
        uint32_t repetition{1};
        std::string mode;
        std::map<std::string, double> figures;
    };
    std::vector<Row> rows;
    std::vector<std::string> columns; //!< every figure any mode has, in the order first seen
    std::set<std::string> known;      //!< the same, to look up
    std::map<std::vector<std::string>, std::map<std::string, std::vector<double>>> groups;
    std::vector<std::vector<std::string>> groupOrder; //!< swept values + mode, as first seen
    /// Per group, per paired figure: each run's ratio and difference against its baseline.
    std::map<std::vector<std::string>, std::map<std::string, std::vector<double>>> paired;
    std::map<std::vector<std::string>, std::string> baseline; //!< per group
    /// Headline figures whose interval is wider than their mean, as "figure of group (m +- h)".
    std::vector<std::string> wide;
    std::string preferredBaseline; //!< the plan's "baseline", if any
    PrecisionRule rule;            //!< the plan's "precision" (precision 0: none)
    /// Per combination (swept values), where the rule left it.
    std::map<std::vector<std::string>, PrecisionStep> precision;
};

/**
 * The run's paired figures: for each mode, each of PairedFigures() as a ratio to and a
 * difference from the run's baseline mode (same network, members and placement).
 */
void
AddPaired(const std::vector<std::string>& keyValues, const std::vector<std::string>& modes,
          const std::map<std::string, std::map<std::string, double>>& figures, Collected& c)
{
    std::string baseline = BaselineMode(modes, c.preferredBaseline);
    const auto& ofBaseline = figures.at(baseline);
    for (const auto& mode : modes)
    {
        const auto& ofMode = figures.at(mode);
        std::vector<std::string> group = keyValues;
        group.push_back(mode);
        c.baseline[group] = baseline;
        auto& paired = c.paired[group];
        for (const auto& name : PairedFigures())
        {
            auto v = ofMode.find(name);
            auto b = ofBaseline.find(name);
            if (v == ofMode.end() || b == ofBaseline.end())
            {
                continue;
            }
            paired[name + "_diff"].push_back(v->second - b->second);
            if (b->second != 0)
            {
                paired[name + "_ratio"].push_back(v->second / b->second);
            }
        }
    }
}

/// One summary.csv row per mode of \p run (\p result its summary.json).
void
AddRun(const json& run, const json& result, const std::vector<std::string>& axes, Collected& c)
{
    std::string id = run["id"].get<std::string>();
    std::vector<std::string> keyValues = KeyValues(run, axes);
    std::vector<std::string> modes;
    std::map<std::string, std::map<std::string, double>> modeFigures;
    for (const auto& [mode, figures] : result["modes"].items())
    {
        std::vector<std::pair<std::string, double>> flat;
        Flatten(figures, "", flat);
        modes.push_back(mode);
        // The columns: every figure any mode of any run has, in the order first seen.
        for (const auto& [name, value] : flat)
        {
            if (c.known.insert(name).second)
            {
                c.columns.push_back(name);
            }
        }
        Collected::Row row;
        row.id = id;
        row.keys = keyValues;
        row.repetition = run["repetition"].get<uint32_t>();
        row.mode = mode;
        row.figures = modeFigures[mode] = std::map<std::string, double>(flat.begin(), flat.end());
        std::vector<std::string> group = keyValues;
        group.push_back(mode);
        if (!c.groups.count(group))
        {
            c.groupOrder.push_back(group);
        }
        auto& figuresOfGroup = c.groups[group];
        for (const auto& [name, v] : row.figures)
        {
            figuresOfGroup[name].push_back(v);
        }
        c.rows.push_back(std::move(row));
    }
    AddPaired(keyValues, modes, modeFigures, c);
}

/// A figure in a CSV: an integral value as an integer, never an exponent for large ones.
std::string
CsvNumber(double v)
{
    char text[64];
    if (!std::isnan(v) && !std::isinf(v) && v == std::floor(v) && std::fabs(v) < 1e18)
    {
        std::snprintf(text, sizeof text, "%.0f", v);
        return text;
    }
    if (std::fabs(v) >= 1e9 && !std::isinf(v))
    {
        std::snprintf(text, sizeof text, "%.3f", v);
        return text;
    }
    return NumberOrEmpty(v);
}

/// summary.csv: one row per run and mode, a column per figure (empty where a mode lacks it).
std::string
SummaryCsv(const std::vector<std::string>& axes, const Collected& c)
{
    std::ostringstream csv;
    if (c.rows.empty())
    {
        return "";
    }
    csv << "run_id";
    for (const auto& axis : axes)
    {
        csv << ',' << CsvField(axis);
    }
    csv << ",repetition,mode";
    for (const auto& name : c.columns)
    {
        csv << ',' << name;
    }
    csv << '\n';
    for (const auto& row : c.rows)
    {
        csv << row.id;
        for (const auto& v : row.keys)
        {
            csv << ',' << CsvField(v);
        }
        csv << ',' << row.repetition << ',' << CsvField(row.mode);
        for (const auto& name : c.columns)
        {
            auto it = row.figures.find(name);
            csv << ',' << (it == row.figures.end() ? "" : CsvNumber(it->second));
        }
        csv << '\n';
    }
    return csv.str();
}

/// long.csv: one row per run, mode and figure, for tools that want data in long form.
std::string
LongCsv(const std::vector<std::string>& axes, const Collected& c)
{
    std::ostringstream csv;
    csv << "run_id";
    for (const auto& axis : axes)
    {
        csv << ',' << CsvField(axis);
    }
    csv << ",repetition,mode,metric,value\n";
    for (const auto& row : c.rows)
    {
        std::ostringstream prefix;
        prefix << row.id;
        for (const auto& v : row.keys)
        {
            prefix << ',' << CsvField(v);
        }
        prefix << ',' << row.repetition << ',' << CsvField(row.mode) << ',';
        for (const auto& name : c.columns)
        {
            if (auto it = row.figures.find(name); it != row.figures.end())
            {
                csv << prefix.str() << name << ',' << CsvNumber(it->second) << '\n';
            }
        }
    }
    return csv.str();
}

/// The figures whose too-wide interval collect warns about.
bool
IsHeadline(const std::string& figure)
{
    static const std::vector<std::string> headline = {"delivery_ratio", "latency_ns_mean",
                                                      "latency_ns_p99", "completion_ns_mean",
                                                      "source_bytes",   "link_transmissions"};
    return std::find(headline.begin(), headline.end(), figure) != headline.end();
}

/// "mode at axis=value, ...": a combination and mode as a warning names them.
std::string
GroupText(const std::vector<std::string>& axes, const std::vector<std::string>& group)
{
    std::string text = group.back();
    for (std::size_t i = 0; i < axes.size(); ++i)
    {
        text += (i ? ", " : " at ") + axes[i] + "=" + group[i];
    }
    return text;
}

/// aggregate.csv: per combination and mode, each figure's mean and 95 % confidence half-width.
std::string
AggregateCsv(const std::vector<std::string>& axes, Collected& c)
{
    std::ostringstream aggregate;
    for (const auto& axis : axes)
    {
        aggregate << CsvField(axis) << ',';
    }
    aggregate << "mode,repetitions";
    for (const auto& name : c.columns)
    {
        aggregate << ',' << name << "_mean," << name << "_ci95";
    }
    aggregate << ",latency_ns_p99_boot95_low,latency_ns_p99_boot95_high,baseline";
    for (const auto& name : PairedFigures())
    {
        for (const char* kind : {"_ratio", "_diff"})
        {
            aggregate << ",paired_" << name << kind << "_mean,paired_" << name << kind << "_ci95";
        }
    }
    if (c.rule.precision > 0)
    {
        aggregate << ",precision_relative_ci95,precision_met";
    }
    aggregate << '\n';
    for (const auto& group : c.groupOrder)
    {
        for (std::size_t i = 0; i < group.size(); ++i)
        {
            aggregate << (i ? "," : "") << CsvField(group[i]);
        }
        const auto& figures = c.groups[group];
        std::size_t n = figures.empty() ? 0 : figures.begin()->second.size();
        aggregate << ',' << n;
        for (const auto& name : c.columns)
        {
            auto it = figures.find(name);
            MeanCi m = MeanWithCi(it == figures.end() ? std::vector<double>{} : it->second);
            aggregate << ',' << CsvNumber(m.mean) << ',' << CsvNumber(m.ci95);
            if (IsHeadline(name) && m.n >= 2 && m.mean != 0 && m.ci95 > std::fabs(m.mean))
            {
                c.wide.push_back(name + " of " + GroupText(axes, group) + " (" +
                                 NumberOrEmpty(m.mean) + " +- " + NumberOrEmpty(m.ci95) + ")");
            }
        }
        auto p99 = figures.find("latency_ns_p99");
        auto boot = BootstrapCi(p99 == figures.end() ? std::vector<double>{} : p99->second);
        aggregate << ',' << CsvNumber(boot.first) << ',' << CsvNumber(boot.second) << ','
                  << CsvField(c.baseline[group]);
        const auto& paired = c.paired[group];
        for (const auto& name : PairedFigures())
        {
            for (const char* kind : {"_ratio", "_diff"})
            {
                auto it = paired.find(name + kind);
                MeanCi m = MeanWithCi(it == paired.end() ? std::vector<double>{} : it->second);
                aggregate << ',' << CsvNumber(m.mean) << ',' << CsvNumber(m.ci95);
            }
        }
        if (c.rule.precision > 0)
        {
            const PrecisionStep& step =
                c.precision[std::vector<std::string>(group.begin(), group.end() - 1)];
            aggregate << ',' << (step.finished ? NumberOrEmpty(step.relative) : "") << ','
                      << (step.finished ? (step.met ? "1" : "0") : "");
        }
        aggregate << '\n';
    }
    return aggregate.str();
}

/// Every mode's figures in a run's summary, flattened, and the modes in order.
std::map<std::string, std::map<std::string, double>>
ModeFigures(const json& summary, std::vector<std::string>& modes)
{
    std::map<std::string, std::map<std::string, double>> figures;
    for (const auto& [mode, ofMode] : summary["modes"].items())
    {
        std::vector<std::pair<std::string, double>> flat;
        Flatten(ofMode, "", flat);
        modes.push_back(mode);
        figures[mode] = std::map<std::string, double>(flat.begin(), flat.end());
    }
    return figures;
}

/**
 * \p figure of each mode in one run (of \p mode alone if not empty): a flattened figure, or
 * paired_<figure>_ratio / _diff against the run's baseline. Modes without it are left out.
 */
std::map<std::string, double>
FigureOfRun(const json& summary, const std::string& mode, const std::string& figure,
            const std::string& preferredBaseline)
{
    std::vector<std::string> modes;
    auto figures = ModeFigures(summary, modes);
    std::string paired;
    bool ratio = false;
    const std::string prefix = "paired_";
    for (const std::string kind : {"_ratio", "_diff"})
    {
        if (figure.size() > prefix.size() + kind.size() && figure.rfind(prefix, 0) == 0 &&
            figure.compare(figure.size() - kind.size(), kind.size(), kind) == 0)
        {
            paired = figure.substr(prefix.size(), figure.size() - prefix.size() - kind.size());
            ratio = kind == "_ratio";
        }
    }
    const auto& ofBaseline = figures[BaselineMode(modes, preferredBaseline)];
    std::map<std::string, double> values;
    for (const auto& m : modes)
    {
        if (!mode.empty() && m != mode)
        {
            continue;
        }
        const auto& ofMode = figures[m];
        auto v = ofMode.find(paired.empty() ? figure : paired);
        auto b = ofBaseline.find(paired);
        if (v == ofMode.end() || (!paired.empty() && b == ofBaseline.end()))
        {
            continue;
        }
        if (paired.empty())
        {
            values[m] = v->second;
        }
        else if (!ratio || b->second != 0)
        {
            values[m] = ratio ? v->second / b->second : v->second - b->second;
        }
    }
    return values;
}

/// The plan's "precision" as a rule (precision 0 when it has none).
PrecisionRule
PlanPrecision(const json& plan, const std::string& where)
{
    PrecisionRule rule;
    if (!plan.contains("precision"))
    {
        return rule;
    }
    const json& p = plan["precision"];
    bool valid = p.is_object() && p.value("precision", json()).is_number() &&
                 p.value("figure", json()).is_string() &&
                 p.value("min_repetitions", json()).is_number_unsigned() &&
                 p.value("max_repetitions", json()).is_number_unsigned();
    if (!valid || p["precision"].get<double>() <= 0 || p["min_repetitions"].get<uint32_t>() < 2)
    {
        throw InputError(where, "",
                         "is not a gcsim sweep plan: a \"precision\" that is not "
                         "{precision, figure, min_repetitions, max_repetitions}");
    }
    rule.precision = p["precision"].get<double>();
    rule.figure = p["figure"].get<std::string>();
    rule.minRuns = p["min_repetitions"].get<uint32_t>();
    rule.maxRuns = p["max_repetitions"].get<uint32_t>();
    rule.where = p.value("where", where);
    return rule;
}

/// The plan's runs by combination, in plan order: each indexed by repetition - 1 (null where
/// the plan has no such repetition).
std::vector<std::vector<const json*>>
Combinations(const json& plan, const std::vector<std::string>& axes)
{
    std::vector<std::vector<const json*>> combinations;
    std::map<std::vector<std::string>, std::size_t> index;
    for (const auto& run : plan["runs"])
    {
        auto [it, added] = index.emplace(KeyValues(run, axes), combinations.size());
        if (added)
        {
            combinations.emplace_back();
        }
        auto& runs = combinations[it->second];
        uint32_t r = run["repetition"].get<uint32_t>();
        if (runs.size() < r)
        {
            runs.resize(r, nullptr);
        }
        runs[r - 1] = &run;
    }
    return combinations;
}

/// What the precision rule did: how many combinations met it, and how many runs they took.
void
PrintPrecision(const Collected& c, std::ostream& out)
{
    if (c.rule.precision <= 0)
    {
        return;
    }
    std::size_t met = 0;
    std::size_t capped = 0;
    std::size_t open = 0;
    uint32_t fewest = UINT32_MAX;
    uint32_t most = 0;
    for (const auto& [keys, step] : c.precision)
    {
        met += step.finished && step.met;
        capped += step.finished && !step.met;
        open += !step.finished;
        fewest = std::min(fewest, step.runs);
        most = std::max(most, step.runs);
    }
    out << "precision " << Number(c.rule.precision * 100) << " % of " << c.rule.figure << ": "
        << met << " of " << Plural(c.precision.size(), "combination") << " met it";
    if (capped)
    {
        out << ", " << capped << " stopped at max_repetitions = " << c.rule.maxRuns
            << " without (precision_met = 0 in aggregate.csv)";
    }
    if (open)
    {
        out << ", " << open << " still running";
    }
    out << "; " << fewest << " to " << Plural(most, "repetition") << " each" << std::endl;
}

/// InputError naming sweep.precision_figure: \p figure is in no mode of \p summary.
InputError
UnknownFigure(const json& summary, const std::string& mode, const std::string& figure,
              const std::string& where)
{
    std::vector<std::string> modes;
    auto figures = ModeFigures(summary, modes);
    if (!mode.empty() && !figures.count(mode))
    {
        return InputError(where, "sweep.precision_figure",
                          sections::UnknownName("mode", mode, modes));
    }
    std::vector<std::string> names;
    for (const auto& [name, value] : figures[mode.empty() ? modes.front() : mode])
    {
        names.push_back(name);
    }
    for (const auto& name : PairedFigures())
    {
        names.push_back("paired_" + name + "_ratio");
        names.push_back("paired_" + name + "_diff");
    }
    return InputError(where, "sweep.precision_figure",
                      sections::UnknownName("figure", figure, names));
}

} // namespace

json
ReadSweepRunSummary(const std::string& folder, const std::string& id)
{
    json result;
    try
    {
        result = json::parse(
            ns3::gcsim::ReadTextFile((fs::path(folder) / "runs" / id / "summary.json").string(),
                                     256ULL << 20),
            nullptr, false);
    }
    catch (const std::invalid_argument&)
    {
        result = json(json::value_t::discarded); // not there (yet), or not a file
    }
    if (result.is_discarded() || !result.is_object() || !result.contains("modes") ||
        !result["modes"].is_object() || result["modes"].empty())
    {
        return json(json::value_t::discarded);
    }
    return result;
}

PrecisionStep
WalkPrecision(const PrecisionRule& rule, const std::function<json(uint32_t)>& summaryOf,
              const std::string& preferredBaseline)
{
    std::size_t dot = rule.figure.find('.');
    std::string mode = dot == std::string::npos ? "" : rule.figure.substr(0, dot);
    std::string figure = dot == std::string::npos ? rule.figure : rule.figure.substr(dot + 1);
    PrecisionStep step;
    step.runs = std::min(rule.minRuns, rule.maxRuns);
    std::vector<json> summaries;
    while (true)
    {
        for (uint32_t r = uint32_t(summaries.size()) + 1; r <= step.runs; ++r)
        {
            summaries.push_back(summaryOf(r));
        }
        step.missing.clear();
        for (uint32_t r = 1; r <= step.runs; ++r)
        {
            if (summaries[r - 1].is_discarded())
            {
                step.missing.push_back(r);
            }
        }
        if (!step.missing.empty())
        {
            return step;
        }
        std::map<std::string, std::vector<double>> values; // per mode, over the repetitions
        for (const auto& summary : summaries)
        {
            auto ofRun = FigureOfRun(summary, mode, figure, preferredBaseline);
            if (ofRun.empty())
            {
                throw UnknownFigure(summary, mode, figure, rule.where);
            }
            for (const auto& [m, v] : ofRun)
            {
                values[m].push_back(v);
            }
        }
        step.relative = 0;
        for (const auto& [m, ofMode] : values)
        {
            MeanCi ci = MeanWithCi(ofMode);
            double relative = std::isnan(ci.ci95) ? INFINITY
                              : ci.ci95 == 0      ? 0
                                                  : ci.ci95 / std::fabs(ci.mean);
            if (step.widest.empty() || relative > step.relative)
            {
                step.relative = relative;
                step.widest = m;
            }
        }
        step.met = step.relative <= rule.precision;
        if (step.met || step.runs >= rule.maxRuns)
        {
            step.finished = true;
            return step;
        }
        double wanted = step.runs * std::pow(step.relative / rule.precision, 2);
        uint32_t n = step.runs;
        step.runs = std::isfinite(wanted) && wanted < 2.0 * n
                        ? std::max(n + 1, uint32_t(std::ceil(wanted)))
                        : 2 * n;
        step.runs = std::min(step.runs, rule.maxRuns);
        step.widest.clear();
    }
}

std::size_t
CollectSweep(const std::string& folder, std::ostream& out)
{
    fs::path dir(folder);
    // Written only into a sweep folder: a user's folder keeps its own summary.csv.
    if (!IsSweepFolder(folder))
    {
        throw InputError(folder, "",
                         fs::exists(dir / "sweep.json")
                             ? "is not a sweep folder (its sweep.json is not a gcsim sweep plan)"
                             : "is not a sweep folder (no sweep.json); gcsim collect writes "
                               "summary.csv and aggregate.csv only into a folder of gcsim sweep");
    }
    json plan = json::parse(ns3::gcsim::ReadTextFile((dir / "sweep.json").string(), 256ULL << 20),
                            nullptr, false);
    CheckPlan(plan, (dir / "sweep.json").string());
    std::vector<std::string> axes = plan["axes"].get<std::vector<std::string>>();

    Collected collected;
    if (plan.contains("baseline") && plan["baseline"].is_string())
    {
        collected.preferredBaseline = plan["baseline"].get<std::string>();
    }
    collected.rule = PlanPrecision(plan, (dir / "sweep.json").string());
    std::size_t missing = 0;
    std::size_t planned = 0;
    for (const auto& runs : Combinations(plan, axes))
    {
        // Each run's summary read once, whether the precision rule or the rows ask first.
        std::map<uint32_t, json> read;
        auto summaryOf = [&](uint32_t r) -> const json&
        {
            auto it = read.find(r);
            if (it == read.end())
            {
                it = read.emplace(r, r <= runs.size() && runs[r - 1]
                                         ? ReadSweepRunSummary(folder, (*runs[r - 1])["id"])
                                         : json(json::value_t::discarded))
                         .first;
            }
            return it->second;
        };
        std::vector<uint32_t> wanted; // the repetitions collected
        if (collected.rule.precision > 0)
        {
            PrecisionStep step =
                WalkPrecision(collected.rule, summaryOf, collected.preferredBaseline);
            const json* any = *std::find_if(runs.begin(), runs.end(),
                                            [](const json* run) { return run != nullptr; });
            collected.precision[KeyValues(*any, axes)] = step;
            for (uint32_t r = 1; r <= step.runs; ++r)
            {
                wanted.push_back(r);
            }
        }
        else
        {
            for (uint32_t r = 1; r <= runs.size(); ++r)
            {
                wanted.push_back(r);
            }
        }
        for (uint32_t r : wanted)
        {
            ++planned;
            const json& result = summaryOf(r);
            if (result.is_discarded())
            {
                ++missing;
                continue;
            }
            AddRun(*runs[r - 1], result, axes, collected);
        }
    }
    std::string aggregate = AggregateCsv(axes, collected);
    RemoveDeadTempFiles(folder);
    WriteFileAtomically((dir / "summary.csv").string(), SummaryCsv(axes, collected));
    WriteFileAtomically((dir / "long.csv").string(), LongCsv(axes, collected));
    std::string header = aggregate.substr(0, aggregate.find('\n'));
    WriteFileAtomically((dir / "columns.md").string(),
                        ColumnsMarkdown(axes, collected.columns, header));
    WriteFileAtomically((dir / "aggregate.csv").string(), aggregate);
    out << "collected " << Plural(collected.rows.size(), "row") << " from " << planned - missing
        << " of " << Plural(planned, "run") << " into " << (dir / "summary.csv").string() << " and "
        << (dir / "aggregate.csv").string();
    if (missing)
    {
        out << " (" << Plural(missing, "run") << (missing == 1 ? " has" : " have")
            << " no results yet)";
    }
    out << std::endl;
    PrintPrecision(collected, out);
    if (!collected.wide.empty())
    {
        out << "warning: " << Plural(collected.wide.size(), "figure")
            << (collected.wide.size() == 1 ? " has a 95 % confidence interval wider than its"
                                           : " have a 95 % confidence interval wider than their")
            << " mean; more "
               "repetitions (sweep.repetitions) would narrow them: ";
        for (std::size_t i = 0; i < collected.wide.size() && i < 3; ++i)
        {
            out << (i ? "; " : "") << collected.wide[i];
        }
        out << (collected.wide.size() > 3 ? "; ..." : "") << std::endl;
    }
    return missing;
}

} // namespace gcsim
