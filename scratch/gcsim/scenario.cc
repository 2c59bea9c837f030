#include "scenario.h"

#include "memory-estimate.h"
#include "models/network/text-file.h"
#include "run-estimate.h"
#include "scenario-toml.h"
#include "scenario/section.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <toml++/toml.h>

namespace gcsim
{

namespace fs = std::filesystem;
using sections::Reader;

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

std::string
Scenario::Failure::What() const
{
    return (link.empty() ? "router R" + std::to_string(router) : "link " + link) +
           (down ? " down" : " up");
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

std::vector<uint32_t>
Scenario::EverMembers() const
{
    std::set<uint32_t> members(group.members.begin(), group.members.end());
    for (const auto& event : membership.schedule)
    {
        if (event.join)
        {
            members.insert(event.client);
        }
    }
    return {members.begin(), members.end()};
}

std::string
MembershipKindName(MembershipKind kind)
{
    return kind == MembershipKind::IGMP ? "igmp" : "instant";
}

std::string
RepairName(Repair repair)
{
    switch (repair)
    {
        case Repair::NAK:
            return "nak";
        case Repair::NAK_UNSUPPRESSED:
            return "nak-unsuppressed";
        case Repair::ARQ:
            return "arq";
        default:
            return "none";
    }
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
    std::string routing =
        slash == std::string::npos ? delivery.multicastRouting : head.substr(slash + 1);
    try
    {
        spec.routing = ns3::gcsim::MulticastRoutingNamed(routing);
    }
    catch (const std::invalid_argument&)
    {
        throw InputError(source, "delivery.modes",
                         "run '" + label + "': no multicast routing '" + routing + "'");
    }
    spec.membership = membership.model == "igmp" ? MembershipKind::IGMP : MembershipKind::INSTANT;
    if (ordering.given && spec.mode == "multicast")
    {
        spec.order = ns3::gcsim::ORDER_NONE;
    }
    while (plus != std::string::npos)
    {
        std::size_t next = label.find('+', plus + 1);
        std::string option =
            label.substr(plus + 1, next == std::string::npos ? next : next - plus - 1);
        if (option == "instant" || option == "igmp")
        {
            spec.membership = option == "igmp" ? MembershipKind::IGMP : MembershipKind::INSTANT;
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
            spec.repair = option == "arq"   ? Repair::ARQ
                          : option == "nak" ? Repair::NAK
                                            : Repair::NAK_UNSUPPRESSED;
        }
        else if ((option == "none" || option == "fifo" || option == "total") && ordering.given &&
                 spec.mode == "multicast")
        {
            spec.order = ns3::gcsim::DeliveryOrderOf(option);
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
    bool swept = root.contains("sweep"); // as the sweep reads it: from the file, not --set
    std::map<std::string, std::string> overridden;
    for (const auto& o : overrides)
    {
        std::string path = ApplyOverride(root, o);
        // "a.b=1" and "a=2" in one command: the later replaces what the earlier made, and
        // the resolved scenario could not take both again. Refused; a key given twice is not
        // (the last one counts).
        for (const auto& [earlier, option] : overridden)
        {
            if (path.rfind(earlier + ".", 0) == 0 || earlier.rfind(path + ".", 0) == 0)
            {
                throw InputError("--set " + o, path,
                                 "conflicts with --set " + option +
                                     ": one sets a key inside the other; give one of them");
            }
        }
        overridden[path] = o;
    }
    Reader r(root, sourceName, overridden);
    sections::CheckKeys(root, r);

    Scenario s;
    s.source = sourceName;
    s.swept = swept;
    sections::SectionContext context;
    context.baseDir = baseDir;
    for (const auto& section : sections::ScenarioSections())
    {
        if (section.read)
        {
            section.read(r, s, context);
        }
    }
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
    toml::table root;
    for (const auto& section : sections::ScenarioSections())
    {
        if (section.write)
        {
            section.write(s, root);
        }
    }
    std::ostringstream out;
    out << "# " << s.name << ", as resolved from " << s.source << " after overrides\n"
        << toml::toml_formatter(root, toml::toml_formatter::default_flags &
                                          ~toml::format_flags::indentation)
        << '\n';
    return out.str();
}

std::string
ScenarioFilePath(const std::string& folder, const std::string& path)
{
    return folder + "/" + std::filesystem::path(path).filename().string();
}

std::vector<std::pair<std::string, std::string>>
ScenarioFiles(const Scenario& s)
{
    std::vector<std::pair<std::string, std::string>> files;
    if (!s.traffic.transcript.empty())
    {
        files.emplace_back(s.traffic.transcript,
                           ScenarioFilePath("transcripts", s.traffic.transcript));
    }
    if (!s.topology.mapFile.empty())
    {
        files.emplace_back(s.topology.mapFile, ScenarioFilePath("maps", s.topology.mapFile));
    }
    return files;
}

} // namespace gcsim
