#include "reader.h"

#include "../text-parse.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace gcsim
{
namespace sections
{

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

std::string
SecondsText(ns3::Time t)
{
    std::ostringstream o;
    o << std::setprecision(12) << t.GetSeconds() << "s";
    return o.str();
}

std::string
SimulatedText(long double ns)
{
    char text[48];
    std::snprintf(text, sizeof text, "%.4Lg s", ns / 1e9L);
    return text;
}

namespace
{

/// \p value in the largest of \p units (name, size, ascending) that divides it exactly.
std::string
ExactText(int64_t value, const std::vector<std::pair<const char*, int64_t>>& units)
{
    for (auto unit = units.rbegin(); unit != units.rend(); ++unit)
    {
        if (value != 0 && value % unit->second == 0)
        {
            return std::to_string(value / unit->second) + unit->first;
        }
    }
    return std::to_string(value) + units.front().first;
}

} // namespace

std::string
TimeText(ns3::Time t)
{
    return ExactText(t.GetNanoSeconds(),
                     {{"ns", 1}, {"us", 1000}, {"ms", 1000000}, {"s", 1000000000}});
}

std::string
RateText(ns3::DataRate d)
{
    return ExactText(static_cast<int64_t>(d.GetBitRate()),
                     {{"bps", 1}, {"kbps", 1000}, {"Mbps", 1000000}, {"Gbps", 1000000000}});
}

std::string
UnknownName(const std::string& what, const std::string& word,
            const std::vector<std::string>& accepted)
{
    std::string hint = DidYouMean(word, accepted);
    return "unknown " + what + " '" + word + "'" +
           (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
           "; accepted: " + Join(accepted);
}

Reader::Reader(toml::table& root, std::string source, std::map<std::string, std::string> overridden)
  : m_root(root)
  , m_source(std::move(source))
  , m_overridden(std::move(overridden))
{
}

std::string
Reader::Where(const std::string& key, const toml::node* node) const
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

void
Reader::Fail(const std::string& key, const std::string& message) const
{
    throw InputError(Where(key, Find(key)), key, message);
}

toml::node*
Reader::Find(const std::string& key) const
{
    return m_root.at_path(key).node();
}

std::string
Reader::TypeName(const toml::node& n) const
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

std::optional<std::string>
Reader::String(const std::string& key) const
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

std::optional<int64_t>
Reader::Integer(const std::string& key, int64_t min, int64_t max) const
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

std::optional<double>
Reader::Number(const std::string& key, double min, double max) const
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
std::optional<std::vector<uint32_t>>
Reader::IntegerList(const std::string& key, int64_t min, int64_t max) const
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

std::optional<bool>
Reader::Boolean(const std::string& key) const
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

std::optional<std::string>
Reader::Choice(const std::string& key, const std::vector<std::string>& accepted) const
{
    auto v = String(key);
    if (v && std::find(accepted.begin(), accepted.end(), *v) == accepted.end())
    {
        Fail(key, UnknownName("value", *v, accepted));
    }
    return v;
}

std::optional<std::pair<std::string, long double>>
Reader::Quantity(const std::string& key, const QuantityRule& rule) const
{
    toml::node* n = Find(key);
    if (n && !n->is_string())
    {
        Fail(key, rule.wrongType + " \"" + rule.example + "\", got " + TypeName(*n));
    }
    auto text = String(key);
    if (!text)
    {
        return std::nullopt;
    }
    auto q = SplitQuantity(*text);
    if (!q || !rule.units.count(q->second))
    {
        Fail(key, "cannot read '" + *text + "' as " + rule.what + "; give a number and a unit: " +
                      rule.unitList + " (\"" + rule.example + "\")");
    }
    return std::make_pair(*text, q->first * rule.units.at(q->second));
}

/// A duration such as "2ms", "500ns", "1.5s"; at least zero.
std::optional<ns3::Time>
Reader::Duration(const std::string& key) const
{
    static const QuantityRule rule{
        "a duration",
        "expected a duration with a unit such as",
        "ns, us, ms, s, min",
        "2ms",
        {{"ns", 1}, {"us", 1e3}, {"ms", 1e6}, {"s", 1e9}, {"min", 60e9}}};
    auto q = Quantity(key, rule);
    if (!q)
    {
        return std::nullopt;
    }
    if (q->second < 0)
    {
        Fail(key, "must not be negative (got '" + q->first + "')");
    }
    if (q->second > kMaxRunNs)
    {
        Fail(key,
             "is too long (got '" + q->first + "'); a duration is at most 1e9s (about 31.7 years)");
    }
    return ns3::NanoSeconds(static_cast<int64_t>(std::llround(q->second)));
}

/// A data rate such as "100Mbps"; above zero.
std::optional<ns3::DataRate>
Reader::Rate(const std::string& key) const
{
    static const QuantityRule rule{
        "a data rate",
        "expected a rate with a unit such as",
        "bps, kbps, Mbps, Gbps",
        "100Mbps",
        {{"bps", 1}, {"kbps", 1e3}, {"Kbps", 1e3}, {"Mbps", 1e6}, {"Gbps", 1e9}}};
    auto q = Quantity(key, rule);
    if (!q)
    {
        return std::nullopt;
    }
    if (q->second < 1 || q->second > 1e13L)
    {
        Fail(key, "must be between 1bps and 10000Gbps (got '" + q->first + "')");
    }
    return ns3::DataRate(static_cast<uint64_t>(std::llround(q->second)));
}

std::optional<std::vector<std::string>>
Reader::Names(const std::string& key, const std::vector<std::string>& accepted,
              const NameRule& rule) const
{
    toml::node* n = Find(key);
    if (!n)
    {
        return std::nullopt;
    }
    if (!n->is_array())
    {
        if (!n->is_string())
        {
            Fail(key, "expected a " + rule.what + " name or a list of them, got " + TypeName(*n) +
                          "; accepted: " + Join(accepted));
        }
        std::string name = *n->value<std::string>();
        if (std::find(accepted.begin(), accepted.end(), name) == accepted.end())
        {
            Fail(key, UnknownName(rule.what, name, accepted));
        }
        return std::vector<std::string>{name}; // a bare name: a list of one
    }
    std::vector<std::string> names;
    for (auto& e : *n->as_array())
    {
        if (!e.is_string())
        {
            Fail(key, "expected " + rule.what + " names (strings), got " + TypeName(e) +
                          "; accepted: " + Join(accepted));
        }
        std::string name = *e.value<std::string>();
        if (std::find(accepted.begin(), accepted.end(), name) == accepted.end())
        {
            Fail(key, UnknownName(rule.what, name, accepted));
        }
        if (std::find(names.begin(), names.end(), name) != names.end())
        {
            Fail(key, rule.what + " '" + name + "' is listed twice");
        }
        names.push_back(name);
    }
    if (names.empty())
    {
        Fail(key, "the list is empty; accepted: " + Join(accepted));
    }
    return names;
}

} // namespace sections
} // namespace gcsim
