#include "sweep.h"

#include "scratch/gcsim/collect/collect.h"
#include "scratch/gcsim/output/atomic-file.h"
#include "scratch/gcsim/output/child-process.h"
#include "scratch/gcsim/output/interrupt.h"
#include "scratch/gcsim/output/results-folder.h"
#include "scratch/gcsim/output/text-format.h"
#include "scratch/gcsim/scenario-toml.h"
#include "scratch/gcsim/scenario/reader.h"
#include "scratch/gcsim/text-parse.h"

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <signal.h>
#include <sstream>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace gcsim
{

namespace fs = std::filesystem;

namespace
{

struct Axis
{
    std::vector<std::string> keys;                //!< one key, or the keys of a together table
    std::vector<std::vector<std::string>> values; //!< per position: one value text per key
    std::string where;                            //!< file:line, for messages
};

/// A value as TOML text, as --set reads it.
std::string
ValueText(const toml::node& node)
{
    std::ostringstream os;
    node.visit([&](const auto& v) { os << v; });
    return os.str();
}

std::string
Where(const std::string& path, const toml::node& node)
{
    return path + ":" + std::to_string(node.source().begin.line);
}

/// Flattens [sweep] axis entries: "group.members" = [...] or [sweep.group] members = [...].
void
CollectAxes(const toml::table& table, const std::string& prefix, const std::string& path,
            std::vector<Axis>& axes)
{
    for (const auto& [k, node] : table)
    {
        std::string key =
            prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
        static const std::vector<std::string> settings = {
            "repetitions",      "together",        "skip",           "baseline", "precision",
            "precision_figure", "min_repetitions", "max_repetitions"};
        if (prefix.empty() && std::find(settings.begin(), settings.end(), key) != settings.end())
        {
            continue;
        }
        if (node.is_table())
        {
            CollectAxes(*node.as_table(), key, path, axes);
            continue;
        }
        if (!node.is_array() || node.as_array()->empty())
        {
            throw InputError(Where(path, node), "sweep." + key,
                             "an axis takes a non-empty list of values, e.g. [2, 4, 8]");
        }
        Axis axis;
        axis.keys = {key};
        axis.where = Where(path, node);
        for (const auto& v : *node.as_array())
        {
            axis.values.push_back({ValueText(v)});
        }
        axes.push_back(axis);
    }
}

/// A constraint operand's value: a number, or a string.
struct Operand
{
    bool isNumber{true};
    double number{0};
    std::string text;
};

Operand
Evaluate(const std::string& token, const toml::table& merged, const std::string& where)
{
    Operand o;
    if (IsDecimal(token))
    {
        o.number = std::strtod(token.c_str(), nullptr); // 1e999 is inf: compares, unlike stod
        return o;
    }
    if (token.size() >= 2 && token.front() == '"' && token.back() == '"')
    {
        o.isNumber = false;
        o.text = token.substr(1, token.size() - 2);
        return o;
    }
    const toml::node* node = merged.at_path(token).node();
    if (!node)
    {
        throw InputError(where, "sweep.skip",
                         "'" + token +
                             "' is not set by the scenario or the sweep; a constraint "
                             "compares keys that are set, or numbers");
    }
    if (node->is_array())
    {
        o.number = double(node->as_array()->size());
    }
    else if (node->is_integer())
    {
        o.number = double(*node->value<int64_t>());
    }
    else if (node->is_floating_point() || node->is_boolean())
    {
        o.number = node->is_boolean() ? double(*node->value<bool>()) : *node->value<double>();
    }
    else
    {
        o.isNumber = false;
        o.text = node->value<std::string>().value_or("");
    }
    return o;
}

bool
Holds(const std::string& expression, const toml::table& merged, const std::string& where)
{
    std::size_t at = expression.find_first_of("<>=!");
    std::string op;
    if (at != std::string::npos)
    {
        op = expression.substr(at, at + 1 < expression.size() && expression[at + 1] == '=' ? 2 : 1);
    }
    std::string lhs = at == std::string::npos ? "" : Trim(expression.substr(0, at));
    std::string rhs = at == std::string::npos ? "" : Trim(expression.substr(at + op.size()));
    bool valid = (op == "<" || op == ">" || op == "<=" || op == ">=" || op == "==" || op == "!=") &&
                 !lhs.empty() && !rhs.empty() && lhs.find_first_of(" \t") == std::string::npos &&
                 rhs.find_first_of(" \t<>=!") == std::string::npos;
    if (!valid)
    {
        throw InputError(where, "sweep.skip",
                         "cannot read '" + expression +
                             "'; write KEY OP VALUE or KEY OP KEY, OP one "
                             "of < <= > >= == !=");
    }
    Operand a = Evaluate(lhs, merged, where);
    Operand b = Evaluate(rhs, merged, where);
    if (a.isNumber != b.isNumber)
    {
        throw InputError(where, "sweep.skip",
                         "'" + expression + "' compares a number with a string");
    }
    if (!a.isNumber)
    {
        if (op != "==" && op != "!=")
        {
            throw InputError(where, "sweep.skip", "strings compare only with == and !=");
        }
        return (a.text == b.text) == (op == "==");
    }
    if (op == "<")
        return a.number < b.number;
    if (op == "<=")
        return a.number <= b.number;
    if (op == ">")
        return a.number > b.number;
    if (op == ">=")
        return a.number >= b.number;
    if (op == "==")
        return a.number == b.number;
    return a.number != b.number;
}

} // namespace

std::string
StableHash(const std::string& text)
{
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : text)
    {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

std::string
ShellQuote(const std::string& word)
{
    auto plain = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) ||
               std::strchr("_./:=@%+,-", c) != nullptr;
    };
    if (!word.empty() && std::all_of(word.begin(), word.end(), plain))
    {
        return word;
    }
    std::string quoted = "'";
    for (char c : word)
    {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

namespace
{

/// The folder relative paths in scenario file \p path are read from.
std::string
FolderOf(const std::string& path)
{
    std::string folder = fs::path(path).parent_path().string();
    return folder.empty() ? "." : folder;
}

/// What a scenario's [sweep] table asks for.
struct SweepTable
{
    std::vector<Axis> axes;
    uint32_t repetitions{1};
    std::vector<std::pair<std::string, std::string>> skips; //!< expression, where
    std::string where;                                      //!< the table's file:line
    std::string baseline; //!< the paired figures' baseline run ("": collect's default)
    std::string baselineWhere;
    PrecisionRule precision; //!< precision 0: `repetitions` runs of each combination
};

/// One axis of the keys of a sweep.together table, whose lists have one length.
Axis
TogetherAxis(const toml::table& table, const toml::node& together, const std::string& scenarioPath)
{
    std::vector<Axis> parts;
    CollectAxes(table, "", scenarioPath, parts);
    Axis joined;
    joined.where = Where(scenarioPath, together);
    for (const auto& p : parts)
    {
        if (!joined.keys.empty() && p.values.size() != joined.values.size())
        {
            throw InputError(joined.where, "sweep.together",
                             "axes that vary together need lists of one length ('" + p.keys[0] +
                                 "' has " + std::to_string(p.values.size()) + ", '" +
                                 joined.keys[0] + "' has " + std::to_string(joined.values.size()) +
                                 ")");
        }
        if (joined.keys.empty())
        {
            joined.values.resize(p.values.size());
        }
        joined.keys.push_back(p.keys[0]);
        for (std::size_t i = 0; i < p.values.size(); ++i)
        {
            joined.values[i].push_back(p.values[i][0]);
        }
    }
    return joined;
}

/// sweep.together: each table an axis whose keys vary together.
void
ReadTogether(const toml::node& together, const std::string& scenarioPath, SweepTable& table)
{
    const toml::array* list = together.as_array();
    if (!list)
    {
        throw InputError(Where(scenarioPath, together), "sweep.together",
                         "expected a list of tables of axes that vary together");
    }
    for (const auto& t : *list)
    {
        if (!t.is_table())
        {
            throw InputError(Where(scenarioPath, together), "sweep.together",
                             "expected tables such as { \"topology.clients\" = [16, 64], "
                             "\"traffic.messages\" = [100, 25] }");
        }
        Axis joined = TogetherAxis(*t.as_table(), together, scenarioPath);
        if (!joined.keys.empty())
        {
            table.axes.push_back(joined);
        }
    }
}

/// sweep.skip: the expressions of combinations not to run.
void
ReadSkips(const toml::node& skip, const std::string& scenarioPath, SweepTable& table)
{
    const toml::array* list = skip.as_array();
    if (!list)
    {
        throw InputError(Where(scenarioPath, skip), "sweep.skip",
                         "expected a list of expressions such as \"group.members > "
                         "topology.clients\"");
    }
    for (const auto& e : *list)
    {
        if (!e.is_string())
        {
            throw InputError(Where(scenarioPath, skip), "sweep.skip", "expected strings");
        }
        table.skips.push_back({*e.value<std::string>(), Where(scenarioPath, e)});
    }
}

/// An integer key of [sweep] from \p low to 100000, or \p otherwise when absent.
uint32_t
SweepCount(const toml::table& sweep, const std::string& key, const std::string& scenarioPath,
           int64_t low, uint32_t otherwise)
{
    const toml::node* n = sweep.get(key);
    if (!n)
    {
        return otherwise;
    }
    if (!n->is_integer() || *n->value<int64_t>() < low || *n->value<int64_t>() > 100000)
    {
        throw InputError(Where(scenarioPath, *n), "sweep." + key,
                         "expected an integer from " + std::to_string(low) + " to 100000");
    }
    return static_cast<uint32_t>(*n->value<int64_t>());
}

/// sweep.precision and the keys that go with it.
void
ReadPrecision(const toml::table& sweep, const std::string& scenarioPath, SweepTable& table)
{
    PrecisionRule& rule = table.precision;
    const toml::node* p = sweep.get("precision");
    if (!p)
    {
        for (const char* key : {"precision_figure", "min_repetitions", "max_repetitions"})
        {
            if (const toml::node* n = sweep.get(key))
            {
                throw InputError(Where(scenarioPath, *n), std::string("sweep.") + key,
                                 "goes with sweep.precision (repeat each combination until a "
                                 "figure's interval is that narrow); without it, "
                                 "sweep.repetitions sets the count");
            }
        }
        return;
    }
    double value = p->is_number() ? *p->value<double>() : 0;
    if (!(value > 0 && value <= 1))
    {
        throw InputError(Where(scenarioPath, *p), "sweep.precision",
                         "expected a fraction of the mean above 0 and at most 1, e.g. 0.05 for "
                         "a 95 % interval within 5 % of the mean");
    }
    if (const toml::node* r = sweep.get("repetitions"))
    {
        throw InputError(Where(scenarioPath, *r), "sweep.repetitions",
                         "is a fixed count; with sweep.precision each combination runs from "
                         "min_repetitions (default 5) to max_repetitions (default 50)");
    }
    rule.precision = value;
    rule.figure = "latency_ns_mean";
    rule.where = Where(scenarioPath, *p);
    if (const toml::node* f = sweep.get("precision_figure"))
    {
        std::string figure = f->value<std::string>().value_or("");
        std::size_t dot = figure.find('.');
        std::string name = dot == std::string::npos ? figure : figure.substr(dot + 1);
        if (!f->is_string() || name.empty() ||
            name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos ||
            dot == 0)
        {
            throw InputError(Where(scenarioPath, *f), "sweep.precision_figure",
                             "expected a figure of aggregate.csv without _mean, e.g. "
                             "\"latency_ns_p99\", \"paired_link_transmissions_ratio\", or "
                             "\"multicast.latency_ns_mean\" for one run's alone");
        }
        rule.figure = figure;
        rule.where = Where(scenarioPath, *f);
    }
    rule.minRuns = SweepCount(sweep, "min_repetitions", scenarioPath, 2, 5);
    rule.maxRuns =
        SweepCount(sweep, "max_repetitions", scenarioPath, 2, std::max(50U, rule.minRuns));
    if (rule.maxRuns < rule.minRuns)
    {
        throw InputError(Where(scenarioPath, *sweep.get("max_repetitions")),
                         "sweep.max_repetitions",
                         "is below min_repetitions (" + std::to_string(rule.minRuns) + ")");
    }
    table.repetitions = rule.maxRuns;
}

/// The [sweep] table of \p root; a scenario without one is one combination.
SweepTable
ReadSweepTable(const toml::table& root, const std::string& scenarioPath)
{
    SweepTable table;
    table.where = scenarioPath;
    const toml::node* sweepNode = root.get("sweep");
    if (!sweepNode)
    {
        return table;
    }
    table.where = Where(scenarioPath, *sweepNode);
    if (!sweepNode->is_table())
    {
        throw InputError(Where(scenarioPath, *sweepNode), "sweep", "expected a table ([sweep])");
    }
    const toml::table& sweep = *sweepNode->as_table();
    if (const toml::node* r = sweep.get("repetitions"))
    {
        if (!r->is_integer() || *r->value<int64_t>() < 1 || *r->value<int64_t>() > 100000)
        {
            throw InputError(Where(scenarioPath, *r), "sweep.repetitions",
                             "expected an integer from 1 to 100000");
        }
        table.repetitions = static_cast<uint32_t>(*r->value<int64_t>());
    }
    if (const toml::node* b = sweep.get("baseline"))
    {
        if (!b->is_string())
        {
            throw InputError(Where(scenarioPath, *b), "sweep.baseline",
                             "expected a run's name such as \"replicated-unicast\"");
        }
        table.baseline = *b->value<std::string>();
        table.baselineWhere = Where(scenarioPath, *b);
    }
    ReadPrecision(sweep, scenarioPath, table);
    CollectAxes(sweep, "", scenarioPath, table.axes);
    if (const toml::node* together = sweep.get("together"))
    {
        ReadTogether(*together, scenarioPath, table);
    }
    if (const toml::node* skip = sweep.get("skip"))
    {
        ReadSkips(*skip, scenarioPath, table);
    }
    return table;
}

/// Counted before any is resolved: a product of long lists runs into the millions.
void
CheckRunCount(const SweepTable& table, const ScenarioLimits& limits)
{
    long double combinations = table.repetitions;
    for (const auto& axis : table.axes)
    {
        combinations *= axis.values.size();
    }
    if (combinations > kMaxSweepRuns && !limits.allowLarge)
    {
        char count[32];
        std::snprintf(count, sizeof count, "%.0Lf", combinations);
        throw InputError(table.where, "sweep",
                         std::string("expands to ") + count +
                             " runs (the product of the axes' lengths and the repetitions, "
                             "before sweep.skip); gcsim refuses sweeps of more than 10000 runs "
                             "unless --allow-large is given");
    }
}

/// Steps \p at to the next combination, the last axis fastest; false after the last one.
bool
NextCombination(std::vector<std::size_t>& at, const std::vector<Axis>& axes)
{
    std::size_t a = axes.size();
    while (a > 0)
    {
        --a;
        if (++at[a] < axes[a].values.size())
        {
            break;
        }
        at[a] = 0;
        if (a == 0)
        {
            a = axes.size() + 1;
            break;
        }
    }
    return !(axes.empty() || a == axes.size() + 1);
}

/// A combination's swept values as "key = value, key = value".
std::string
KeysText(const std::vector<std::pair<std::string, std::string>>& keys)
{
    std::string text;
    for (const auto& [k, v] : keys)
    {
        text += (text.empty() ? "" : ", ") + k + " = " + v;
    }
    return text;
}

/// Repetition \p r of one combination (\p keys, set by \p sets) as a run.
SweepRun
ResolveRun(const std::string& text, const std::string& scenarioPath, const std::string& base,
           std::vector<std::string> sets, const ScenarioLimits& limits,
           const std::vector<std::pair<std::string, std::string>>& keys, uint32_t r)
{
    sets.push_back("run=" + std::to_string(r));
    Scenario s;
    try
    {
        s = ParseScenario(text, scenarioPath, base, sets, limits);
    }
    catch (const InputError& e)
    {
        throw InputError(scenarioPath, "sweep",
                         "the combination " + KeysText(keys) + " is not a valid scenario: " +
                             e.what() + " (skip it with sweep.skip)");
    }
    SweepRun run;
    std::string resolved = ResolvedToml(s);
    run.resolved = resolved;
    run.id = StableHash(resolved.substr(resolved.find('\n') + 1));
    run.files = ScenarioFiles(s);
    run.keys = keys;
    run.repetition = r;
    return run;
}

/// The bytes of \p path ("" when it cannot be read: the run will say why).
std::string
FileBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

/// Each name a file is copied under (maps/x.txt): the file, and the first combination naming it.
using CopyNames =
    std::map<std::string, std::pair<std::string, std::vector<std::pair<std::string, std::string>>>>;

/// Refuses a run that names a file under a copy name an earlier combination gave another file
/// (a/x.txt and b/x.txt, both maps/x.txt): a copy keeps only the file's name, so the two
/// resolved scenarios would read alike and silently share one run and one copy.
void
CheckCopyNames(const SweepRun& run, CopyNames& names, const std::string& where)
{
    for (const auto& [source, copy] : run.files)
    {
        auto [it, added] = names.emplace(copy, std::make_pair(source, run.keys));
        const std::string& first = it->second.first;
        if (added || first == source || FileBytes(first) == FileBytes(source))
        {
            continue;
        }
        throw InputError(where, "sweep",
                         "the combinations " + KeysText(it->second.second) + " and " +
                             KeysText(run.keys) + " name two different files, " + first + " and " +
                             source + ", that would both be copied into the results as " + copy +
                             " (a copy keeps only the file's name); give them different names");
    }
}

} // namespace

Sweep::Sweep(const std::string& scenarioPath, const std::vector<std::string>& overrides,
             const ScenarioLimits& limits)
  : Sweep(ReadScenarioText(scenarioPath), scenarioPath, FolderOf(scenarioPath), overrides, limits)
{
}

Sweep::Sweep(const std::string& text, const std::string& scenarioPath, const std::string& base,
             const std::vector<std::string>& overrides, const ScenarioLimits& limits)
  : m_limits(limits)
{
    Scenario plain = ParseScenario(text, scenarioPath, base, overrides, limits);
    m_name = plain.name;
    m_given = plain.swept;

    toml::table root = toml::parse(text, scenarioPath); // valid: ParseScenario read it
    SweepTable table = ReadSweepTable(root, scenarioPath);
    const std::vector<Axis>& axes = table.axes;
    std::vector<std::string> labels = plain.Runs();
    if (!table.baseline.empty() &&
        std::find(labels.begin(), labels.end(), table.baseline) == labels.end())
    {
        throw InputError(table.baselineWhere, "sweep.baseline",
                         sections::UnknownName("run", table.baseline, labels));
    }
    m_baseline = table.baseline;
    m_precision = table.precision;
    std::size_t dot = m_precision.figure.find('.');
    if (dot != std::string::npos &&
        std::find(labels.begin(), labels.end(), m_precision.figure.substr(0, dot)) == labels.end())
    {
        throw InputError(m_precision.where, "sweep.precision_figure",
                         sections::UnknownName("run", m_precision.figure.substr(0, dot), labels));
    }
    for (const auto& axis : axes)
    {
        for (const auto& key : axis.keys)
        {
            if (key == "run")
            {
                throw InputError(axis.where, "sweep.run", "runs are set by sweep.repetitions");
            }
            if (std::find(m_axes.begin(), m_axes.end(), key) != m_axes.end())
            {
                throw InputError(axis.where, "sweep." + key, "is swept twice");
            }
            m_axes.push_back(key);
            m_axisLengths.push_back(axis.values.size());
        }
    }
    CheckRunCount(table, limits);

    // Every combination, the first axis varying slowest.
    std::vector<std::size_t> at(axes.size(), 0);
    std::map<std::string, std::size_t> seen;
    CopyNames copies;
    uint32_t combination = 0;
    do
    {
        std::vector<std::string> sets = overrides;
        std::vector<std::pair<std::string, std::string>> keys;
        for (std::size_t a = 0; a < axes.size(); ++a)
        {
            for (std::size_t k = 0; k < axes[a].keys.size(); ++k)
            {
                const std::string& value = axes[a].values[at[a]][k];
                sets.push_back(axes[a].keys[k] + "=" + value);
                keys.push_back({axes[a].keys[k], value});
            }
        }
        toml::table merged = root;
        for (const auto& set : sets)
        {
            ApplyOverride(merged, set);
        }
        bool skipped = false;
        for (const auto& [expression, where] : table.skips)
        {
            skipped = skipped || Holds(expression, merged, where);
        }
        if (skipped)
        {
            ++m_skipped;
        }
        for (uint32_t r = 1; r <= table.repetitions && !skipped; ++r)
        {
            SweepRun run = ResolveRun(text, scenarioPath, base, sets, limits, keys, r);
            run.combination = combination;
            CheckCopyNames(run, copies, table.where);
            auto [it, added] = seen.emplace(run.id, m_runs.size());
            if (added)
            {
                m_runs.push_back(run);
            }
            else if (m_precision.precision > 0)
            {
                throw InputError(table.where, "sweep",
                                 "two combinations are the same scenario (" +
                                     KeysText(m_runs[it->second].keys) + "; " + KeysText(keys) +
                                     "); with sweep.precision each needs runs of its own");
            }
        }
        combination += !skipped;
    } while (NextCombination(at, axes));
    m_combinations = combination;
}

const ScenarioLimits&
Sweep::Limits() const
{
    return m_limits;
}

const std::string&
Sweep::Name() const
{
    return m_name;
}

bool
Sweep::Given() const
{
    return m_given;
}

const std::vector<std::string>&
Sweep::Axes() const
{
    return m_axes;
}

const std::vector<std::size_t>&
Sweep::AxisLengths() const
{
    return m_axisLengths;
}

uint32_t
Sweep::Combinations() const
{
    return m_combinations;
}

const std::string&
Sweep::Baseline() const
{
    return m_baseline;
}

const std::vector<SweepRun>&
Sweep::Runs() const
{
    return m_runs;
}

uint32_t
Sweep::Skipped() const
{
    return m_skipped;
}

const PrecisionRule&
Sweep::Precision() const
{
    return m_precision;
}

std::vector<SweepRun>
Sweep::Shard(uint32_t index, uint32_t count) const
{
    std::vector<SweepRun> runs;
    for (std::size_t i = 0; i < m_runs.size(); ++i)
    {
        bool mine =
            m_precision.precision > 0 ? m_runs[i].combination % count == index : i % count == index;
        if (mine)
        {
            runs.push_back(m_runs[i]);
        }
    }
    return runs;
}

namespace
{

std::string
Duration(double seconds)
{
    auto s = static_cast<long>(std::lround(seconds));
    char buf[32];
    if (s >= 3600)
    {
        std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s / 60) % 60);
    }
    else
    {
        std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
    }
    return buf;
}

} // namespace

void
WriteSweepPlan(const Sweep& sweep, const std::string& folder)
{
    nlohmann::ordered_json plan;
    plan["name"] = sweep.Name();
    plan["axes"] = sweep.Axes();
    if (!sweep.Baseline().empty())
    {
        plan["baseline"] = sweep.Baseline();
    }
    if (const PrecisionRule& rule = sweep.Precision(); rule.precision > 0)
    {
        plan["precision"] = {{"precision", rule.precision},
                             {"figure", rule.figure},
                             {"min_repetitions", rule.minRuns},
                             {"max_repetitions", rule.maxRuns}};
    }
    plan["runs"] = nlohmann::ordered_json::array();
    for (const auto& run : sweep.Runs())
    {
        nlohmann::ordered_json keys = nlohmann::ordered_json::object();
        for (const auto& [k, v] : run.keys)
        {
            keys[k] = v;
        }
        plan["runs"].push_back({{"id", run.id}, {"keys", keys}, {"repetition", run.repetition}});
    }
    RemoveDeadTempFiles(folder);
    WriteFileAtomically((fs::path(folder) / "sweep.json").string(), plan.dump(2) + "\n");
}

namespace
{

/// A sweep folder's parts.
struct SweepFolders
{
    fs::path dir;
    fs::path runs;   //!< runs/ID: each run's results folder
    fs::path inputs; //!< inputs/ID.toml: each run's resolved scenario
    fs::path logs;   //!< logs/ID.log: each run's output
};

/// Creates the folders of options.out and writes the plan into it; removes what an
/// interrupted sweep left.
/// Refuses a sweep folder whose copy of a file the runs read (inputs/maps/x.txt) is not that
/// file any more: the runs done read the copy, and a run id names the file, not its bytes.
void
CheckInputCopies(const Sweep& sweep, const std::string& out)
{
    std::map<std::string, std::string> copies; // copy -> the file
    for (const auto& run : sweep.Runs())
    {
        for (const auto& [source, copy] : run.files)
        {
            copies.emplace(copy, source);
        }
    }
    for (const auto& [copy, source] : copies)
    {
        fs::path kept = fs::path(out) / "inputs" / copy;
        std::error_code ec;
        if (fs::exists(kept, ec) && FileBytes(kept.string()) != FileBytes(source))
        {
            throw InputError("--out " + out, "",
                             kept.string() + ", copied when this sweep began, differs from " +
                                 source + " now, and the runs done read the copy: restore " +
                                 source + " or sweep into a new folder");
        }
    }
}

SweepFolders
PrepareSweepFolder(const Sweep& sweep, const SweepOptions& options)
{
    // Only an empty folder or a sweep folder of gcsim's: never a user's own files.
    CheckOutFolder(options.out, FolderUse::SWEEP);
    CheckInputCopies(sweep, options.out);
    SweepFolders f;
    f.dir = options.out;
    f.runs = f.dir / "runs";
    f.inputs = f.dir / "inputs";
    f.logs = f.dir / "logs";
    std::error_code ec;
    for (const auto& d : {f.dir, f.runs, f.inputs, f.logs})
    {
        fs::create_directories(d, ec);
        if (!fs::is_directory(d))
        {
            throw InputError("--out " + options.out, "",
                             "cannot create folder " + d.string() +
                                 (ec ? ": " + ec.message() : std::string(": not a folder")));
        }
    }
    // The sweep's plan, the same for every shard: what makes the folder a sweep folder.
    WriteSweepPlan(sweep, options.out);
    RemoveDeadStaging(f.runs.string());
    RemoveDeadTempFiles(f.inputs.string());
    return f;
}

/// inputs/ID.toml, and the files it names beside it (shared by the runs that name them).
void
WriteRunInput(const SweepRun& run, const SweepFolders& f)
{
    PlaceScenarioFiles(run.files, f.inputs.string());
    fs::path input = f.inputs / (run.id + ".toml");
    if (!fs::exists(input))
    {
        WriteFileAtomically(input.string(), run.resolved);
    }
}

/// The runs of \p mine not complete yet, each with its input written; counts the others.
std::vector<const SweepRun*>
PendingRuns(const std::vector<SweepRun>& mine, const SweepFolders& f, SweepOutcome& outcome)
{
    std::vector<const SweepRun*> pending;
    for (const auto& run : mine)
    {
        if (fs::exists(f.runs / run.id / "summary.json"))
        {
            ++outcome.skipped;
            continue;
        }
        WriteRunInput(run, f);
        pending.push_back(&run);
    }
    return pending;
}

/// The sweep's progress: a bar on a terminal, else a line at most every 10 seconds.
class SweepProgress
{
public:
    /// \p pending may grow while the sweep runs (a precision asking for more repetitions).
    SweepProgress(const SweepOutcome& outcome, const std::size_t& pending, bool bar,
                  std::ostream& out)
      : m_outcome(outcome)
      , m_pending(pending)
      , m_bar(bar)
      , m_out(out)
    {
    }

    void Report(bool final)
    {
        uint32_t done = m_outcome.completed + m_outcome.failed;
        double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
        double left = done ? elapsed / done * (m_pending - done) : 0;
        if (m_bar)
        {
            const int width = 30;
            int filled = m_pending == 0 ? width : int(width * done / m_pending);
            m_out << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] "
                  << done << "/" << Plural(m_pending, "run") << ", " << m_outcome.failed
                  << " failed, " << (done ? Duration(left) + " left" : "estimating") << "   "
                  << (final ? "\n" : "") << std::flush;
            return;
        }
        auto now = std::chrono::steady_clock::now();
        if (final || std::chrono::duration<double>(now - m_lastLine).count() >= 10)
        {
            m_lastLine = now;
            m_out << "sweep: " << done << "/" << Plural(m_pending, "run") << " done, "
                  << m_outcome.failed << " failed, " << Duration(elapsed) << " elapsed"
                  << (final || !done ? "" : ", about " + Duration(left) + " left") << std::endl;
        }
    }

private:
    const SweepOutcome& m_outcome;
    const std::size_t& m_pending;
    bool m_bar;
    std::ostream& m_out;
    std::chrono::steady_clock::time_point m_start{std::chrono::steady_clock::now()};
    std::chrono::steady_clock::time_point m_lastLine{m_start};
};

/// Starts `gcsim run` for \p run, its output into its log.
pid_t
StartRun(const SweepRun& run, const SweepFolders& f, const Sweep& sweep,
         const SweepOptions& options, std::ostream& out)
{
    std::string input = (f.inputs / (run.id + ".toml")).string();
    std::string target = (f.runs / run.id).string();
    std::string log = (f.logs / (run.id + ".log")).string();
    // Each run's report without figures: gnuplot for every run would cost more than many a
    // run; `gcsim plot DIR/runs/<id>` draws them.
    std::vector<std::string> args = {
        options.executable, "run",       input, "--out", target, "--quiet",
        "--keep-existing",  "--no-plots"};
    if (sweep.Limits().allowLarge)
    {
        args.push_back("--allow-large"); // the sweep was checked with it
    }
    // Nothing buffered in this process may be written again by the child.
    out.flush();
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    ChildSpec spec;
    spec.program = options.executable;
    spec.args = args;
    spec.outputFile = log;
    spec.dieWithParent = true; // a killed sweep leaves no run behind
    spec.inProcess = options.runInProcess;
    pid_t pid = StartChild(spec);
    if (pid < 0)
    {
        throw std::runtime_error("cannot start a run: fork failed");
    }
    return pid;
}

/// Counts \p run's end; a failed run is reported with its log and the command to rerun it.
void
RecordRunEnd(const SweepRun& run, int status, const SweepFolders& f, const SweepOptions& options,
             SweepOutcome& outcome, std::ostream& out)
{
    bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
              fs::exists(f.runs / run.id / "summary.json");
    if (ok)
    {
        ++outcome.completed;
        return;
    }
    ++outcome.failed;
    if (options.progressBar)
    {
        out << '\n';
    }
    out << "run " << run.id << " failed ("
        << (WIFEXITED(status) ? "exit " + std::to_string(WEXITSTATUS(status))
                              : "signal " + std::to_string(WTERMSIG(status)))
        << "); log: " << (f.logs / (run.id + ".log")).string()
        << "; rerun: " << ShellQuote(options.executable) << " run "
        << ShellQuote((f.inputs / (run.id + ".toml")).string()) << " --out "
        << ShellQuote((f.runs / run.id).string()) << std::endl;
}

/// A fraction as a percentage with one decimal: 0.0753 -> "7.5 %".
std::string
Percent(double fraction)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %%", fraction * 100);
    return text;
}

/**
 * Hands out the runs of one shard: all of them at once, or, with a precision, each
 * combination's first repetitions and, as each batch ends, those WalkPrecision asks for next.
 */
class RunPlanner
{
public:
    RunPlanner(const Sweep& sweep, const std::vector<SweepRun>& mine, const SweepFolders& f,
               std::ostream& out, bool bar)
      : m_rule(sweep.Precision())
      , m_baseline(sweep.Baseline())
      , m_folders(f)
      , m_out(out)
      , m_bar(bar)
    {
        for (const auto& run : mine)
        {
            auto& c = m_combinations[run.combination];
            c.byRepetition.resize(std::max<std::size_t>(c.byRepetition.size(), run.repetition));
            c.byRepetition[run.repetition - 1] = &run;
        }
    }

    bool Adaptive() const
    {
        return m_rule.precision > 0;
    }

    /// The runs to start first (each input written); counts those complete already.
    std::vector<const SweepRun*> First(const std::vector<SweepRun>& mine, SweepOutcome& outcome)
    {
        if (!Adaptive())
        {
            return PendingRuns(mine, m_folders, outcome);
        }
        std::vector<const SweepRun*> next;
        for (auto& [index, c] : m_combinations)
        {
            Advance(c, outcome, next);
        }
        return next;
    }

    /// \p run ended (\p ok: with its results); the runs to start now.
    std::vector<const SweepRun*> Ended(const SweepRun& run, bool ok, SweepOutcome& outcome)
    {
        std::vector<const SweepRun*> next;
        if (!Adaptive())
        {
            return next;
        }
        if (!ok)
        {
            m_failed.insert(&run);
        }
        else if (!m_figureChecked)
        {
            // The figure named is checked on the first result, not after a whole batch.
            PrecisionRule first = m_rule;
            first.minRuns = first.maxRuns = 1;
            WalkPrecision(
                first, [&](uint32_t) { return Summary(run.id); }, m_baseline);
            m_figureChecked = true;
        }
        Combination& c = m_combinations.at(run.combination);
        if (--c.running == 0)
        {
            Advance(c, outcome, next);
        }
        return next;
    }

private:
    struct Combination
    {
        std::vector<const SweepRun*> byRepetition; //!< repetition r at r - 1
        uint32_t running{0};                       //!< of its runs handed out, not ended
    };

    /// Judges \p c on the results it has; queues what it needs next into \p next.
    void Advance(Combination& c, SweepOutcome& outcome, std::vector<const SweepRun*>& next)
    {
        PrecisionStep step = WalkPrecision(
            m_rule,
            [&](uint32_t r)
            {
                return r <= c.byRepetition.size() && c.byRepetition[r - 1]
                           ? Summary(c.byRepetition[r - 1]->id)
                           : nlohmann::ordered_json(nlohmann::ordered_json::value_t::discarded);
            },
            m_baseline);
        const SweepRun& first = *c.byRepetition.front();
        std::string name = first.keys.empty() ? "the scenario" : KeysText(first.keys);
        if (step.finished)
        {
            outcome.total += step.runs;
            std::string figure = m_rule.figure.substr(m_rule.figure.find('.') + 1);
            Say("precision: " + name + ": " + Plural(step.runs, "run") + ", " + figure + " of " +
                step.widest + " within " + Percent(step.relative) + " of its mean" +
                (step.met ? ""
                          : " (max_repetitions reached, precision " + Percent(m_rule.precision) +
                                " not met)"));
            return;
        }
        for (uint32_t r : step.missing)
        {
            const SweepRun* run = c.byRepetition.at(r - 1);
            if (m_failed.count(run))
            {
                outcome.total += step.runs;
                Say("precision: " + name + ": stopped after a failed run (" + run->id + ")");
                return;
            }
        }
        for (uint32_t r : step.missing)
        {
            const SweepRun* run = c.byRepetition.at(r - 1);
            WriteRunInput(*run, m_folders);
            next.push_back(run);
            ++c.running;
        }
    }

    /// Run \p id's summary.json, read once it is there: every judgment of a combination reads
    /// all its runs again.
    const nlohmann::ordered_json& Summary(const std::string& id)
    {
        auto it = m_summaries.find(id);
        if (it != m_summaries.end())
        {
            return it->second;
        }
        nlohmann::ordered_json summary = ReadSweepRunSummary(m_folders.dir.string(), id);
        if (summary.is_discarded())
        {
            static const nlohmann::ordered_json none(nlohmann::ordered_json::value_t::discarded);
            return none; // not there yet: read again next time
        }
        return m_summaries.emplace(id, std::move(summary)).first->second;
    }

    void Say(const std::string& line)
    {
        m_out << (m_bar ? "\r" : "") << line << (m_bar ? "\x1b[K" : "") << std::endl;
    }

    const PrecisionRule& m_rule;
    const std::string& m_baseline;
    const SweepFolders& m_folders;
    std::ostream& m_out;
    bool m_bar;
    std::map<uint32_t, Combination> m_combinations;
    std::set<const SweepRun*> m_failed;
    std::map<std::string, nlohmann::ordered_json> m_summaries; //!< complete runs', by id
    bool m_figureChecked{false};
};

/// Stops the runs still going (an error ends the sweep early) and waits for them.
void
StopRuns(const std::map<pid_t, const SweepRun*>& running)
{
    for (const auto& [pid, run] : running)
    {
        kill(pid, SIGTERM);
    }
    for (const auto& [pid, run] : running)
    {
        int status = 0;
        WaitForChild(pid, &status);
    }
}

} // namespace

SweepOutcome
RunSweep(const Sweep& sweep, const SweepOptions& options, std::ostream& out)
{
    InterruptCleanup cleanup("its unfinished runs were stopped and removed; complete runs are kept "
                             "in " +
                             Printable(options.out, 300) +
                             ", and the same command resumes the sweep");
    SweepFolders f = PrepareSweepFolder(sweep, options);
    std::vector<SweepRun> mine = sweep.Shard(options.shardIndex, options.shardCount);
    RunPlanner planner(sweep, mine, f, out, options.progressBar);
    SweepOutcome outcome;
    outcome.total = planner.Adaptive() ? 0 : static_cast<uint32_t>(mine.size());
    std::vector<const SweepRun*> pending = planner.First(mine, outcome);
    out << "sweep " << sweep.Name() << ": ";
    if (planner.Adaptive())
    {
        std::set<uint32_t> combinations;
        for (const auto& run : mine)
        {
            combinations.insert(run.combination);
        }
        const PrecisionRule& rule = sweep.Precision();
        out << Plural(combinations.size(), "combination") << ", each until the 95 % interval of "
            << rule.figure << " is within " << Percent(rule.precision) << " of its mean ("
            << rule.minRuns << " to " << rule.maxRuns << " repetitions)";
    }
    else
    {
        out << Plural(outcome.total, "run");
    }
    if (options.shardCount > 1)
    {
        out << " in shard " << options.shardIndex + 1 << "/" << options.shardCount;
    }
    if (!planner.Adaptive())
    {
        out << ", " << outcome.skipped << " already complete";
    }
    out << ", " << pending.size() << " to run" << (planner.Adaptive() ? " first" : "") << ", "
        << options.jobs << " at a time" << std::endl;

    std::size_t handedOut = pending.size();
    SweepProgress progress(outcome, handedOut, options.progressBar, out);
    std::map<pid_t, const SweepRun*> running;
    std::size_t next = 0;
    while (next < pending.size() || !running.empty())
    {
        while (next < pending.size() && running.size() < std::max<uint32_t>(1, options.jobs))
        {
            const SweepRun* run = pending[next++];
            running[StartRun(*run, f, sweep, options, out)] = run;
        }
        int status = 0;
        pid_t pid = WaitForChild(-1, &status);
        if (pid < 0)
        {
            break;
        }
        auto it = running.find(pid);
        if (it == running.end())
        {
            continue;
        }
        const SweepRun* run = it->second;
        running.erase(it);
        uint32_t failedBefore = outcome.failed;
        RecordRunEnd(*run, status, f, options, outcome, out);
        try
        {
            for (const SweepRun* more :
                 planner.Ended(*run, outcome.failed == failedBefore, outcome))
            {
                pending.push_back(more);
            }
        }
        catch (const InputError&)
        {
            StopRuns(running);
            RemoveDeadStaging(f.runs.string());
            throw;
        }
        handedOut = pending.size();
        progress.Report(false);
    }
    progress.Report(true);
    RemoveDeadStaging(f.runs.string());
    if (options.collect && options.shardCount == 1)
    {
        CollectSweep(options.out, out);
    }
    return outcome;
}

} // namespace gcsim
