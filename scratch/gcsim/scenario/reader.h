#ifndef GCSIM_SCENARIO_READER_H
#define GCSIM_SCENARIO_READER_H

// Typed reading of a parsed scenario: each value checked, and a bad one reported with the
// file and line (or the --set option) it came from.

#include "../scenario.h"

#include <map>
#include <ns3/data-rate.h>
#include <ns3/nstime.h>
#include <optional>
#include <string>
#include <toml++/toml.h>
#include <vector>

namespace gcsim
{
namespace sections
{

constexpr uint32_t kMaxUdpPayload = 65507; // 65535 - IPv4 header 20 - UDP header 8
constexpr uint32_t kHeaderBytes = 16;      // GroupHeader::SERIALIZED_SIZE
/// The latest a run may end, in ns: a ninth of what ns-3's Time holds, so that no timer set
/// before the end (each at most one duration key long) can pass Time's limit.
constexpr long double kMaxRunNs = 1e18L;

/// "a, b, c".
std::string Join(const std::vector<std::string>& words);
/// "2.5s" for messages: a time as seconds, without trailing zeros.
std::string SecondsText(ns3::Time t);
/// \p ns of simulated time for messages: "12.5 s", "3.2e+12 s".
std::string SimulatedText(long double ns);
/// A time as the resolved scenario writes it, exact, in the largest unit that divides it:
/// "2ms", "1500us", "1s".
std::string TimeText(ns3::Time t);
/// A data rate as the resolved scenario writes it, exact, in the largest unit that divides
/// it: "100Mbps", "1500kbps".
std::string RateText(ns3::DataRate d);
/// \p values as a TOML array.
template<typename T, typename As = T>
toml::array
Array(const std::vector<T>& values)
{
    toml::array out;
    for (const auto& v : values)
    {
        out.push_back(static_cast<As>(v));
    }
    return out;
}

/// Reads typed values out of the parsed table and says where a bad one came from.
class Reader
{
public:
    Reader(toml::table& root, std::string source, std::map<std::string, std::string> overridden);

    /// "FILE:LINE" of \p key, or the --set option that gave or created it.
    std::string Where(const std::string& key, const toml::node* node) const;
    [[noreturn]] void Fail(const std::string& key, const std::string& message) const;
    toml::node* Find(const std::string& key) const;
    /// "a string", "an integer", ...: how messages name \p n's type.
    std::string TypeName(const toml::node& n) const;

    std::optional<std::string> String(const std::string& key) const;
    std::optional<int64_t> Integer(const std::string& key, int64_t min, int64_t max) const;
    std::optional<double> Number(const std::string& key, double min, double max) const;
    /// A list of integers, each in [min, max], no repeats.
    std::optional<std::vector<uint32_t>> IntegerList(const std::string& key, int64_t min,
                                                     int64_t max) const;
    std::optional<bool> Boolean(const std::string& key) const;
    /// One of \p accepted, with a did-you-mean for a near miss.
    std::optional<std::string> Choice(const std::string& key,
                                      const std::vector<std::string>& accepted) const;

    /// How Names() reads its key.
    struct NameRule
    {
        std::string what; //!< one name's noun in messages: "mode", "variant", ...
    };

    /**
     * A name of \p accepted (a list of one), or a non-empty list of them, each at most once
     * (in the order given); nullopt if the key is absent. Unknown names get a did-you-mean.
     */
    std::optional<std::vector<std::string>> Names(const std::string& key,
                                                  const std::vector<std::string>& accepted,
                                                  const NameRule& rule) const;

    /// A duration such as "2ms", "500ns", "1.5s"; at least zero.
    std::optional<ns3::Time> Duration(const std::string& key) const;
    /// A data rate such as "100Mbps"; above zero.
    std::optional<ns3::DataRate> Rate(const std::string& key) const;

private:
    /// How Quantity() reads a number with a unit.
    struct QuantityRule
    {
        std::string what;      //!< "a duration", "a data rate"
        std::string wrongType; //!< the message's start for a value that is not a string
        std::string unitList;  //!< the units as messages list them
        std::string example;   //!< "2ms"
        std::map<std::string, long double> units; //!< unit -> its size in the base unit
    };

    /// \p key's text and its value in the base unit of \p rule; nullopt if absent.
    std::optional<std::pair<std::string, long double>> Quantity(const std::string& key,
                                                                const QuantityRule& rule) const;

    toml::table& m_root;
    std::string m_source;
    std::map<std::string, std::string> m_overridden; //!< key -> the --set text
};

/// "unknown <what> 'word' (did you mean 'hint'?); accepted: a, b".
std::string UnknownName(const std::string& what, const std::string& word,
                        const std::vector<std::string>& accepted);

} // namespace sections
} // namespace gcsim

#endif
