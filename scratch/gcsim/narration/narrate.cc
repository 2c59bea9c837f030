#include "narrate.h"

#include "models/network/network.h"
#include "scratch/gcsim/output/text-format.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

namespace gcsim
{

using ns3::gcsim::NarratedEvent;
using ns3::gcsim::NarratedFrame;
using ns3::gcsim::NarratedLink;
using ns3::gcsim::NarratedNode;
using ns3::gcsim::Narration;

namespace
{

const std::string kBroadcastMac = "ff:ff:ff:ff:ff:ff";

/// "1 frame", "3 frames".
std::string
Count(uint64_t n, const std::string& one, const std::string& many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// "C1, C3, C5", at most \p max names, then "and N more".
std::string
Names(const std::vector<std::string>& names, std::size_t max = 6)
{
    std::string text;
    std::size_t shown = names.size() > max ? max - 1 : names.size();
    for (std::size_t i = 0; i < shown; ++i)
    {
        text += (i ? ", " : "") + names[i];
    }
    if (shown < names.size())
    {
        text += " and " + std::to_string(names.size() - shown) + " more";
    }
    return text;
}

std::string
AddressText(ns3::Ipv4Address address)
{
    std::ostringstream text;
    text << address;
    return text.str();
}

bool
GroupMac(const std::string& mac)
{
    return mac.size() >= 2 && (std::stoi(mac.substr(0, 2), nullptr, 16) & 1) != 0;
}

/// What the clients' NICs and stacks did with some frames.
struct Outcome
{
    std::set<uint32_t> nics;       //!< clients whose NIC a frame reached
    uint64_t nicEvents{0};         //!< frames that reached a client's NIC
    uint64_t linkEnds{0};          //!< client NICs on the links, per frame, summed
    std::set<uint32_t> members;    //!< members whose stack took one in
    uint64_t memberEvents{0};      //!< copies members' stacks took in
    std::set<uint32_t> nonmembers; //!< the same at non-members
    uint64_t nonmemberEvents{0};
    uint64_t filtered{0}; //!< copies non-members' NICs filtered
    uint64_t dropped{0};  //!< copies NICs dropped as addressed to another host

    void Add(const Outcome& o)
    {
        nics.insert(o.nics.begin(), o.nics.end());
        nicEvents += o.nicEvents;
        linkEnds += o.linkEnds;
        members.insert(o.members.begin(), o.members.end());
        memberEvents += o.memberEvents;
        nonmembers.insert(o.nonmembers.begin(), o.nonmembers.end());
        nonmemberEvents += o.nonmemberEvents;
        filtered += o.filtered;
        dropped += o.dropped;
    }
};

/// Frames one node put on its links one right after the other (or at the same time).
struct Burst
{
    uint32_t node{0};
    std::vector<const NarratedFrame*> frames;
    Outcome outcome;

    int64_t Begin() const
    {
        return frames.front()->beginNs;
    }
};

class Narrator
{
public:
    explicit Narrator(const Narration& n);
    std::string Tell() const;

private:
    const std::string& Name(uint32_t node) const;
    bool IsHost(uint32_t node) const;
    std::string Peer(const NarratedFrame& f) const;
    std::string Target(const NarratedFrame& f) const;
    std::string Copy(const NarratedFrame& f) const;
    std::string Copies(const std::vector<const NarratedFrame*>& frames) const;
    std::string Whom(const std::vector<const NarratedFrame*>& frames) const;
    std::string Action(const Burst& b) const;
    std::string OutcomeText(const Outcome& o, std::size_t frames) const;
    std::string Delivery(bool fromFirstFrame) const;
    Outcome FrameOutcome(const NarratedFrame& f) const;
    std::string Time(int64_t ns) const;
    std::string Grouped(const std::vector<std::pair<int64_t, std::string>>& extra) const;

    const Narration& m_n;
    std::vector<Burst> m_bursts;
    std::map<std::pair<uint32_t, int64_t>, std::vector<uint32_t>> m_nicByLink; //!< (link, at)
    std::map<std::pair<uint32_t, int64_t>, std::set<int>> m_hostByNode;        //!< (node, at)
};

Narrator::Narrator(const Narration& n)
  : m_n(n)
{
    for (const auto& e : n.events)
    {
        if (e.kind == NarratedEvent::NIC)
        {
            m_nicByLink[{e.link, e.atNs}].push_back(e.node);
        }
        else if (e.kind == NarratedEvent::FILTERED || e.kind == NarratedEvent::STACK)
        {
            m_hostByNode[{e.node, e.atNs}].insert(e.kind);
        }
    }
    std::vector<const NarratedFrame*> frames;
    for (const auto& f : n.frames)
    {
        frames.push_back(&f);
    }
    std::stable_sort(frames.begin(), frames.end(),
                     [](const NarratedFrame* a, const NarratedFrame* b) {
                         return std::tie(a->beginNs, a->from, a->link) <
                                std::tie(b->beginNs, b->from, b->link);
                     });
    // A node's frames belong to one burst while each starts before the previous one has
    // ended, or within one transmission time of its end: back to back, or side by side.
    std::map<uint32_t, std::size_t> open;
    for (const NarratedFrame* f : frames)
    {
        auto it = open.find(f->from);
        if (it != open.end())
        {
            const NarratedFrame* last = m_bursts[it->second].frames.back();
            if (f->beginNs <= last->endNs + (last->endNs - last->beginNs))
            {
                m_bursts[it->second].frames.push_back(f);
                continue;
            }
        }
        m_bursts.push_back({f->from, {f}, {}});
        open[f->from] = m_bursts.size() - 1;
    }
    for (Burst& b : m_bursts)
    {
        for (const NarratedFrame* f : b.frames)
        {
            b.outcome.Add(FrameOutcome(*f));
        }
    }
}

const std::string&
Narrator::Name(uint32_t node) const
{
    return m_n.nodes[node].name;
}

bool
Narrator::IsHost(uint32_t node) const
{
    auto role = m_n.nodes[node].role;
    return role == NarratedNode::SERVER || role == NarratedNode::CLIENT;
}

std::string
Narrator::Peer(const NarratedFrame& f) const
{
    for (uint32_t end : m_n.links[f.link].ends)
    {
        if (end != f.from)
        {
            return Name(end);
        }
    }
    return "?";
}

/// Where a frame is addressed: its MAC (and what it stands for), or the link's other end.
std::string
Narrator::Target(const NarratedFrame& f) const
{
    const NarratedLink& link = m_n.links[f.link];
    if (link.ethernet)
    {
        if (f.mac == kBroadcastMac)
        {
            return f.mac;
        }
        if (GroupMac(f.mac) && f.destination == ns3::gcsim::NetworkBroadcastGroup())
        {
            return f.mac + " (the network-wide broadcast)";
        }
        if (GroupMac(f.mac))
        {
            return f.mac + " (group " + AddressText(f.destination) + ")";
        }
        auto owner = m_n.macOwners.find(f.mac);
        std::string who = owner != m_n.macOwners.end() ? Name(owner->second) : "";
        auto host = m_n.hostAddresses.find(f.destination);
        if (host != m_n.hostAddresses.end() && Name(host->second) != who)
        {
            who += (who.empty() ? "for " : ", for ") + Name(host->second);
        }
        return f.mac + (who.empty() ? "" : " (" + who + ")");
    }
    std::string text = Peer(f);
    if (f.destination == ns3::gcsim::NetworkBroadcastGroup())
    {
        // Routers never forward 255.255.255.255: across routers a broadcast travels as a group
        // every router forwards and every host takes in (README, The delivery modes).
        text += " (the network-wide broadcast)";
    }
    else if (f.destination.IsMulticast())
    {
        text += " (for group " + AddressText(f.destination) + ")";
    }
    else if (auto host = m_n.hostAddresses.find(f.destination);
             host != m_n.hostAddresses.end() && Name(host->second) != text)
    {
        text += " (for " + Name(host->second) + ")";
    }
    return text;
}

/// One copy a router or switch forwards: "to R1", "onto lan7 for 01:00:5e:7f:00:01 (...)".
std::string
Narrator::Copy(const NarratedFrame& f) const
{
    if (m_n.links[f.link].ends.size() == 2)
    {
        return Peer(f);
    }
    return "onto " + m_n.links[f.link].name + " for " + Target(f);
}

/// "to R1, R2" or "to R1 (2), onto lan3 for ...".
std::string
Narrator::Copies(const std::vector<const NarratedFrame*>& frames) const
{
    std::vector<std::pair<std::string, uint64_t>> counted;
    for (const NarratedFrame* f : frames)
    {
        std::string copy = Copy(*f);
        auto it = std::find_if(counted.begin(), counted.end(),
                               [&](const auto& c) { return c.first == copy; });
        if (it == counted.end())
        {
            counted.emplace_back(copy, 1);
        }
        else
        {
            ++it->second;
        }
    }
    std::vector<std::string> peers;  // across point-to-point links
    std::vector<std::string> shared; // onto shared segments
    for (const auto& [copy, n] : counted)
    {
        std::string item = n == 1 ? copy : copy + " (" + std::to_string(n) + ")";
        (copy.rfind("onto ", 0) == 0 ? shared : peers).push_back(item);
    }
    std::string text = peers.empty() ? "" : "to " + Names(peers);
    if (!shared.empty())
    {
        text += (text.empty() ? "" : ", ") + Names(shared);
    }
    return text;
}

/// Whom several frames on one link are for: "one per member", "to C1, C3", ...
std::string
Narrator::Whom(const std::vector<const NarratedFrame*>& frames) const
{
    std::vector<uint32_t> hosts;
    for (const NarratedFrame* f : frames)
    {
        auto host = m_n.hostAddresses.find(f->destination);
        if (host == m_n.hostAddresses.end())
        {
            return Copies(frames);
        }
        hosts.push_back(host->second);
    }
    std::set<uint32_t> distinct(hosts.begin(), hosts.end());
    if (distinct.size() == hosts.size())
    {
        std::set<uint32_t> members;
        for (uint32_t id = 0; id < m_n.nodes.size(); ++id)
        {
            if (m_n.nodes[id].member)
            {
                members.insert(id);
            }
        }
        std::set<uint32_t> destinations;
        for (uint32_t c : m_n.destinations)
        {
            destinations.insert(m_n.clientNodes.at(c));
        }
        if (distinct == members)
        {
            return "one per member";
        }
        if (distinct == destinations)
        {
            return "one per destination";
        }
    }
    std::vector<std::string> names;
    for (uint32_t h : hosts)
    {
        names.push_back(Name(h));
    }
    return "to " + Names(names);
}

std::string
Narrator::Action(const Burst& b) const
{
    const std::string& who = Name(b.node);
    bool host = IsHost(b.node);
    std::string verb = m_n.nodes[b.node].role == NarratedNode::SERVER ? "sends" : "relays it in";
    const auto& frames = b.frames;
    bool oneLink = std::all_of(frames.begin(), frames.end(),
                               [&](const NarratedFrame* f) { return f->link == frames[0]->link; });
    const std::string& link = m_n.links[frames[0]->link].name;
    if (frames.size() == 1)
    {
        if (host)
        {
            return who + " " + verb + " one frame to " + Target(*frames[0]) + " on " + link;
        }
        return who + " forwards 1 copy: " + Copies(frames);
    }
    if (oneLink)
    {
        if (host)
        {
            return who + " " + verb + " " + std::to_string(frames.size()) +
                   " frames back to back on " + link + ", " + Whom(frames);
        }
        return who + " forwards " + std::to_string(frames.size()) + " copies back to back onto " +
               link + ", " + Whom(frames);
    }
    if (host)
    {
        return who + " " + verb + " " + std::to_string(frames.size()) +
               " frames: " + Copies(frames);
    }
    return who + " forwards " + std::to_string(frames.size()) + " copies: " + Copies(frames);
}

Outcome
Narrator::FrameOutcome(const NarratedFrame& f) const
{
    Outcome o;
    for (uint32_t end : m_n.links[f.link].ends)
    {
        o.linkEnds += end != f.from && m_n.nodes[end].role == NarratedNode::CLIENT;
    }
    auto nics = m_nicByLink.find({f.link, f.endNs + m_n.links[f.link].delayNs});
    if (nics == m_nicByLink.end())
    {
        return o;
    }
    for (uint32_t node : nics->second)
    {
        if (node == f.from || m_n.nodes[node].role != NarratedNode::CLIENT)
        {
            continue;
        }
        int64_t at = f.endNs + m_n.links[f.link].delayNs;
        o.nics.insert(node);
        ++o.nicEvents;
        auto host = m_hostByNode.find({node, at});
        if (host != m_hostByNode.end() && host->second.count(NarratedEvent::FILTERED))
        {
            ++o.filtered;
        }
        else if (host != m_hostByNode.end() && host->second.count(NarratedEvent::STACK))
        {
            if (m_n.nodes[node].member)
            {
                o.members.insert(node);
                ++o.memberEvents;
            }
            else
            {
                o.nonmembers.insert(node);
                ++o.nonmemberEvents;
            }
        }
        else
        {
            ++o.dropped;
        }
    }
    return o;
}

std::string
Narrator::OutcomeText(const Outcome& o, std::size_t frames) const
{
    if (o.nicEvents == 0)
    {
        return "";
    }
    std::vector<std::string> parts;
    if (frames == 1)
    {
        if (o.filtered == 0 && o.dropped == 0 && o.nonmemberEvents > 0)
        {
            // Every NIC took it in, wanted or not: a broadcast.
            std::string all = o.nicEvents != o.linkEnds ? std::to_string(o.nicEvents) + " "
                              : o.nicEvents == 1        ? std::string("the ")
                              : o.nicEvents == 2        ? std::string("both ")
                                                 : "all " + std::to_string(o.nicEvents) + " ";
            parts.push_back(
                all + (o.nicEvents == 1 ? "client's NIC receives it" : "clients' NICs receive it"));
            parts.push_back(o.memberEvents == 0 ? std::string("none is a member")
                            : o.memberEvents == 1
                                ? std::string("1 is a member")
                                : std::to_string(o.memberEvents) + " are members");
            parts.push_back(std::to_string(o.nonmemberEvents) +
                            " processed a message they did not want");
            return Join(parts, "; ");
        }
        bool taken = o.memberEvents + o.nonmemberEvents + o.filtered > 0;
        if (!taken)
        {
            // Nobody on the segment wanted it: it was for a router, or for a host elsewhere.
            return Count(o.nicEvents, "client NIC sees it and drops it (not its address)",
                         "client NICs see it and drop it (not their address)");
        }
        parts.push_back(Count(o.nicEvents, "NIC sees it", "NICs see it"));
        if (o.memberEvents == 1 && o.nonmemberEvents == 0 && o.filtered == 0)
        {
            parts.push_back(Name(*o.members.begin()) + " takes it in");
        }
        else if (o.memberEvents > 0)
        {
            parts.push_back(Count(o.memberEvents, "member takes it in", "members take it in"));
        }
        if (o.nonmemberEvents > 0)
        {
            parts.push_back(std::to_string(o.nonmemberEvents) + " non-member" +
                            (o.nonmemberEvents == 1 ? "" : "s") +
                            " processed a message they did not want");
        }
        if (o.filtered > 0)
        {
            parts.push_back(o.filtered == 1
                                ? std::string("1 non-member's NIC filters it")
                                : std::to_string(o.filtered) + " non-members' NICs filter it");
        }
        if (o.dropped > 0)
        {
            parts.push_back(o.dropped == 1 ? std::string("the other NIC drops it (not its address)")
                                           : "the other " + std::to_string(o.dropped) +
                                                 " drop it (not their address)");
        }
        return Join(parts, "; ");
    }
    if (o.nicEvents == o.nics.size() * frames)
    {
        parts.push_back("each of the " + Count(o.nics.size(), "NIC", "NICs") + " sees all " +
                        std::to_string(frames));
    }
    else
    {
        parts.push_back(Count(o.nics.size(), "NIC sees", "NICs see") + " them" +
                        (o.nicEvents == o.nics.size()
                             ? std::string()
                             : " (" + Count(o.nicEvents, "reception", "receptions") + ")"));
    }
    if (o.memberEvents > 0)
    {
        if (o.memberEvents == o.members.size() && o.memberEvents == frames)
        {
            parts.push_back("each member takes in its own");
        }
        else if (o.memberEvents == o.members.size())
        {
            parts.push_back(Count(o.members.size(), "member takes it in", "members take it in"));
        }
        else
        {
            parts.push_back(Count(o.members.size(), "member takes in ", "members take in ") +
                            Count(o.memberEvents, "copy", "copies"));
        }
    }
    if (o.nonmemberEvents > 0)
    {
        parts.push_back(Count(o.nonmembers.size(), "non-member", "non-members") + " processed " +
                        Count(o.nonmemberEvents, "copy", "copies") + " they did not want");
    }
    if (o.filtered > 0)
    {
        parts.push_back(Count(o.filtered, "copy is", "copies are") +
                        " filtered by non-members' NICs");
    }
    if (o.dropped > 0)
    {
        parts.push_back(std::string(o.memberEvents > 0 ? "the other " : "") +
                        Count(o.dropped, "reception is", "receptions are") +
                        " dropped (not their address)");
    }
    return Join(parts, "; ");
}

std::string
Narrator::Delivery(bool fromFirstFrame) const
{
    std::map<uint32_t, int64_t> first; // destination node -> first arrival
    std::set<uint32_t> destinations;
    for (uint32_t c : m_n.destinations)
    {
        destinations.insert(m_n.clientNodes.at(c));
    }
    uint64_t duplicates = 0;
    for (const auto& e : m_n.events)
    {
        if (e.kind == NarratedEvent::APPLICATION && destinations.count(e.node))
        {
            duplicates += !first.emplace(e.node, e.atNs).second;
        }
    }
    std::size_t total = destinations.size();
    if (first.empty())
    {
        return total == 0 ? "it had no destination" : "no destination has it";
    }
    int64_t last = 0;
    bool same = true;
    for (const auto& [node, at] : first)
    {
        same = same && at == first.begin()->second;
        last = std::max(last, at);
    }
    std::string text;
    if (fromFirstFrame && !m_n.frames.empty())
    {
        int64_t firstBegin = m_n.frames.front().beginNs;
        for (const auto& f : m_n.frames)
        {
            firstBegin = std::min(firstBegin, f.beginNs);
        }
        text = (first.size() < total ? std::to_string(first.size()) + " of " +
                                           std::to_string(total) + " destinations have it; "
                                     : std::string()) +
               "the last arrives " + NarrationDuration(last - firstBegin) +
               " after the first was sent";
    }
    else
    {
        std::string after = " " + NarrationDuration(last - m_n.sendNs) + " after P1 sent it";
        if (total == 1 && first.size() == 1)
        {
            text = Name(first.begin()->first) + " has it" + after;
        }
        else if (first.size() == total && same)
        {
            text = "all " + std::to_string(total) + " destinations have it" + after;
        }
        else if (first.size() == total)
        {
            text = "the last of the " + std::to_string(total) + " destinations has it" + after;
        }
        else
        {
            text = std::to_string(first.size()) + " of " + std::to_string(total) +
                   " destinations have it, the last" + after;
        }
    }
    if (duplicates > 0)
    {
        text += "; " + Count(duplicates, "duplicate copy reaches", "duplicate copies reach") +
                " an application";
    }
    return text;
}

std::string
Narrator::Time(int64_t ns) const
{
    return "+" + NarrationDuration(ns - m_n.sendNs);
}

std::string
Narrator::Tell() const
{
    const std::string& mode = m_n.mode;
    if (m_n.sendNs < 0)
    {
        return mode + ": P1 never sent message " + std::to_string(m_n.message) + ".\n";
    }
    std::vector<std::pair<int64_t, std::string>> extra; // drops, in time order
    for (const auto& e : m_n.events)
    {
        if (e.kind == NarratedEvent::DUPLICATE)
        {
            extra.emplace_back(e.atNs, Name(e.node) + " drops a copy it has already forwarded");
        }
        else if (e.kind == NarratedEvent::DROP)
        {
            extra.emplace_back(e.atNs, Name(e.node) + " loses a copy: " + e.reason);
        }
    }
    if (m_bursts.empty())
    {
        return mode + ": no frame of message " + std::to_string(m_n.message) + " left P1; " +
               Delivery(false) + ".\n";
    }
    if (m_bursts.size() == 1 && extra.empty())
    {
        const Burst& b = m_bursts.front();
        std::string text = mode + ": " + Action(b);
        std::string outcome = OutcomeText(b.outcome, b.frames.size());
        if (!outcome.empty())
        {
            text += "; " + outcome;
        }
        return text + "; " + Delivery(b.frames.size() > 1) + ".\n";
    }

    std::vector<std::pair<int64_t, std::string>> lines;
    for (const Burst& b : m_bursts)
    {
        std::string text = Action(b);
        std::string outcome = OutcomeText(b.outcome, b.frames.size());
        lines.emplace_back(b.Begin(), outcome.empty() ? text : text + "; " + outcome);
    }
    lines.insert(lines.end(), extra.begin(), extra.end());
    std::stable_sort(lines.begin(), lines.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string text = mode + ":\n";
    if (std::any_of(m_n.frames.begin(), m_n.frames.end(),
                    [](const NarratedFrame& f)
                    { return f.destination == ns3::gcsim::NetworkBroadcastGroup(); }))
    {
        text += "  (Routers never forward a broadcast to 255.255.255.255, so across routers gcsim "
                "sends it to " +
                AddressText(ns3::gcsim::NetworkBroadcastGroup()) +
                ", a group every router floods and every host takes in: the network-wide "
                "broadcast.)\n";
    }
    if (lines.size() > kMaxNarrationLines)
    {
        text += Grouped(extra);
    }
    else
    {
        std::size_t width = 0;
        for (const auto& [at, line] : lines)
        {
            width = std::max(width, Time(at).size());
        }
        for (const auto& [at, line] : lines)
        {
            std::string time = Time(at);
            text += "  " + time + std::string(width - time.size() + 2, ' ') + line + "\n";
        }
    }
    return text + "  " + Delivery(false) + ".\n";
}

/// A long narration: one line per node in order of its first frame, then a summary.
std::string
Narrator::Grouped(const std::vector<std::pair<int64_t, std::string>>& extra) const
{
    struct NodeLine
    {
        uint32_t node;
        std::vector<const NarratedFrame*> frames;
        const Burst* burst{nullptr}; //!< its first
        std::size_t bursts{0};
        int64_t first{0};
        int64_t last{0};
        Outcome outcome;
    };
    std::vector<NodeLine> nodes;
    std::map<uint32_t, std::size_t> index;
    for (const Burst& b : m_bursts)
    {
        auto [it, added] = index.emplace(b.node, nodes.size());
        if (added)
        {
            nodes.push_back({b.node, {}, &b, 0, b.Begin(), b.Begin(), {}});
        }
        NodeLine& line = nodes[it->second];
        line.frames.insert(line.frames.end(), b.frames.begin(), b.frames.end());
        ++line.bursts;
        line.last = b.Begin();
        line.outcome.Add(b.outcome);
    }
    std::size_t shown = nodes.size() > kMaxNarrationLines ? kMaxNarrationLines - 2 : nodes.size();
    std::vector<std::pair<std::string, std::string>> rows; // time, text
    for (std::size_t i = 0; i < shown; ++i)
    {
        const NodeLine& line = nodes[i];
        const std::string& who = Name(line.node);
        std::string what =
            IsHost(line.node)
                ? (m_n.nodes[line.node].role == NarratedNode::SERVER ? "sends " : "relays it in ") +
                      Count(line.frames.size(), "frame", "frames")
                : "forwards " + Count(line.frames.size(), "copy", "copies");
        if (line.bursts > 1)
        {
            what += " in " + std::to_string(line.bursts) + " bursts until " + Time(line.last);
        }
        std::string row =
            line.bursts == 1 ? Action(*line.burst) : who + " " + what + ": " + Copies(line.frames);
        std::string outcome = OutcomeText(line.outcome, line.frames.size());
        rows.emplace_back(Time(line.first), outcome.empty() ? row : row + "; " + outcome);
    }
    if (shown < nodes.size())
    {
        uint64_t copies = 0;
        int64_t until = 0;
        Outcome outcome;
        for (std::size_t i = shown; i < nodes.size(); ++i)
        {
            copies += nodes[i].frames.size();
            until = std::max(until, nodes[i].last);
            outcome.Add(nodes[i].outcome);
        }
        std::string row = "then " + std::to_string(nodes.size() - shown) + " more nodes put " +
                          Count(copies, "copy", "copies") + " on their links, until " + Time(until);
        if (outcome.nicEvents > 0)
        {
            row += "; " + Count(outcome.nics.size(), "client NIC sees", "client NICs see") +
                   " them: " + Count(outcome.members.size(), "member takes", "members take") +
                   " it in, " +
                   Count(outcome.nonmembers.size(), "non-member processes", "non-members process") +
                   " it unwanted, " + std::to_string(outcome.filtered) + " copies are filtered, " +
                   std::to_string(outcome.dropped) + " dropped as addressed to another host";
        }
        rows.emplace_back(Time(nodes[shown].first), row);
    }
    if (!extra.empty())
    {
        std::map<std::string, uint64_t> byText;
        for (const auto& [at, line] : extra)
        {
            ++byText[line];
        }
        std::vector<std::string> parts;
        for (const auto& [line, n] : byText)
        {
            parts.push_back(n == 1 ? line : line + " (" + std::to_string(n) + " times)");
        }
        rows.emplace_back(Time(extra.front().first), Names(parts, 8));
    }
    std::size_t width = 0;
    for (const auto& [time, row] : rows)
    {
        width = std::max(width, time.size());
    }
    std::string text;
    for (const auto& [time, row] : rows)
    {
        text += "  " + time + std::string(width - time.size() + 2, ' ') + row + "\n";
    }
    return text;
}

} // namespace

std::string
NarrationDuration(int64_t ns)
{
    if (ns < 10000000 && ns > -10000000)
    {
        return FixedShort(ns / 1e3, 2) + " us";
    }
    return FixedShort(ns / 1e6, 3) + " ms";
}

std::string
Narrate(const Narration& narration)
{
    return Narrator(narration).Tell();
}

std::string
NarrateRun(const std::vector<Narration>& narrations)
{
    std::string text;
    for (const auto& n : narrations)
    {
        text += (text.empty() ? "" : "\n") + Narrate(n);
    }
    if (narrations.empty())
    {
        return text;
    }
    return "What happened to message " + std::to_string(narrations.front().message) +
           " in each mode:\n\n" + text;
}

} // namespace gcsim
