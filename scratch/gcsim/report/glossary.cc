#include "glossary.h"

#include <map>

namespace gcsim
{

const std::vector<std::pair<std::string, std::string>>&
Glossary()
{
    // In the order the table prints its rows; one place to say what each one counts.
    static const std::vector<std::pair<std::string, std::string>> entries = {
        // The rows of every table
        {"throughput (msg/s)",
         "The highest message rate the mode sustained with at least 99.9 % of its deliveries, "
         "found by bisection over offered rates; never above what the bottleneck link can carry."},
        {"destinations per message",
         "How many clients each message is for: the target (unicast), the group's members "
         "(replicated unicast, multicast, overlay, gossip), or every client (broadcast)."},
        {"delivery ratio",
         "First copies that reached a destination's application, over messages x destinations. "
         "1.0000: every destination got every message."},
        {"duplicates",
         "Further copies of a message that reached a destination that already had it (counted "
         "apart, never as deliveries)."},
        {"latency mean (us)",
         "Mean time from P1's application sending a message to a destination's application "
         "receiving its first copy, over all deliveries."},
        {"latency p99 (us)",
         "99th percentile of the same latencies: 99 % of the deliveries took at most this long."},
        {"latency max (us)", "The longest latency of any delivery."},
        {"completion mean (us)",
         "Mean over messages of the time until the last destination had its copy: how long a "
         "whole group waits."},
        {"stretch mean",
         "A delivery's latency over the latency of a lone unicast from P1 to the same client on "
         "an idle network; mean over receivers. 1.000: as fast as a direct unicast."},
        {"stretch max", "The largest receiver's mean stretch."},
        {"P1 packets / message",
         "Frames P1's own network devices put on their links, per message: the load on the "
         "sender (replicated unicast: one per member)."},
        {"P1 bytes / message",
         "Those frames' bytes on the wire, per message (headers, checksum and padding included)."},
        {"link transmissions / message",
         "Frames put on any link, per message, all links together: the load on the whole "
         "network. A shared LAN counts one transmission per frame however many hosts hear it."},
        {"link stress max",
         "The most copies of one message that one link carried (replicated unicast: P1's link "
         "carries one per member; a multicast tree: 1)."},
        {"link stress mean", "Copies of a message per link that carried it, averaged."},
        {"router forwards / message",
         "Copies routers forwarded (unicast and multicast), per message."},
        {"non-member receptions",
         "Copies of group messages that non-members' IP stacks had to process: what broadcast "
         "costs hosts that never wanted the message."},
        {"NIC-filtered frames",
         "Group frames that reached a non-member's network card and were dropped there, in "
         "hardware, because the host had not joined the group (it costs the wire, not the host)."},
        {"drops",
         "Frames or packets lost on the way, every cause: full queues, lossy links, CSMA giving "
         "up, IP or ARP drops, failed links and routers."},
        {"of which lost on links", "Of the drops, the frames a lossy link (topology.loss) lost."},
        // Wi-Fi
        {"airtime / message (us)",
         "Time the radio medium was busy carrying the message's frames (data, ACKs and gaps), "
         "per message: nobody else can send during it."},
        {"radio data frames / message", "Data frames sent over the air, per message."},
        {"of which group-addressed",
         "Of those, the frames sent to a group address: at the basic rate, with no ACK and no "
         "retry."},
        {"retries", "Unicast frames sent again after their ACK did not come."},
        {"frame rates (Mbit/s)", "The rates the data frames went at, lowest to highest."},
        {"failed receptions", "Frames a station could not decode (too weak, or a collision)."},
        // Gossip
        {"messages reaching every live member",
         "Messages that every member that had not crashed received, over messages sent."},
        {"gossip rounds to all, mean",
         "Rounds until every live member had the message, mean over the messages that reached "
         "all."},
        {"gossip rounds to 99 %, mean", "Rounds until 99 % of the live members had it."},
        {"time to all, mean (us)", "Time until every live member had the message, mean."},
        {"residue (members never reached)",
         "Share of the live members a message never reached, mean over messages."},
        {"closed form (simulated 95 % CI)",
         "The theory's value (log2 n + ln n rounds, e^(-e^(-c)) reach, e^(-m) residue), then the "
         "simulated value's 95 % interval; * when the theory is outside it."},
        {"gossip data / member / message",
         "Copies of messages the gossip sent, per member and message."},
        {"gossip control / member / message",
         "Digests, requests, IHAVE, GRAFT and PRUNE datagrams per member and message."},
        // Membership over time
        {"joins / leaves", "Members that joined and left the group during the run."},
        {"join latency mean (us)",
         "From a join to the join's first copy: the first message P1 sent at or after the join, "
         "received at the new member; mean over joins that got one."},
        {"join latency max (us)", "The longest join latency."},
        {"leave latency mean (us)",
         "From a leave to the last copy that still reached the host (0 when none did), mean: "
         "how long the network took to learn it."},
        {"leave latency max (us)", "The longest leave latency."},
        {"deliveries after leave",
         "Copies that still reached a host after it had left, while the network had not yet "
         "learned it."},
        {"membership control packets", "IGMP reports, leaves and queries on the links."},
        {"membership control bytes", "Their bytes on the wire."},
        // Dense mode
        {"message copies on links / message",
         "Frames carrying the group message on any link, per message (dense mode floods first, "
         "then prunes)."},
        {"prunes / grafts", "Dense mode's prune and graft messages."},
        {"routing control packets", "Dense mode's control packets on the links."},
        {"routing control bytes", "Their bytes."},
        {"RPF drops",
         "Copies a router dropped because they came in on an interface that is not its way back "
         "to the source (reverse-path forwarding check)."},
        // Failures
        {"frames lost to failures", "Frames lost on links or routers that were down."},
        {"messages lost after failures",
         "Messages some destination never got, from each failure to the next, summed."},
        {"deliveries lost after failures",
         "Destinations' copies never delivered, summed the same way."},
        {"members affected", "The most destinations one failure made miss a message."},
        {"members never recovered",
         "The most destinations that got nothing more after their last missed message."},
        {"recovery max (us)",
         "The longest time from a failure to an affected member's first delivery after its last "
         "missed message."},
        {"longest delivery gap (us)",
         "The longest time any member went without a message while they kept being sent."},
        // Several groups and router state
        {"groups x senders per group", "How many groups, and how many senders each has."},
        {"group deliveries / expected", "Every group's deliveries over what they should be."},
        {"routing control bytes / group", "Routing and membership control bytes per group."},
        {"routers with state", "Routers holding multicast forwarding state for some group."},
        {"forwarding entries", "(source, group) or (*, group) entries over all routers."},
        {"entries / router mean / max", "Entries per router, mean and largest."},
        {"entries / router with state", "Entries per router that holds any, mean."},
        {"outgoing interfaces", "Outgoing interfaces over all entries."},
        {"interfaces / router mean / max", "Outgoing interfaces per router, mean and largest."},
        // Reliability
        {"losses (first transmission)", "Member-messages the first transmission did not deliver."},
        {"repaired deliveries", "Deliveries made by a repair or a retransmission."},
        {"repair latency mean (us)", "From P1's first send to a repaired delivery, mean."},
        {"repair latency max (us)", "The longest repair latency."},
        {"NAKs", "Negative acknowledgements members sent for gaps they saw."},
        {"NAKs / loss", "NAKs per lost delivery: below 1 when suppression works."},
        {"NAKs suppressed", "NAKs a member held back because it heard another member's first."},
        {"repairs sent", "Repair copies sent."},
        {"repairs suppressed", "Repairs held back because another repair was heard first."},
        {"session messages", "P1's periodic messages announcing its latest sequence number, so "
                             "that a lost last message is noticed."},
        {"ACKs", "Acknowledgements (unicast ARQ)."},
        {"retransmissions (ARQ)", "Copies the sender sent again after an ACK did not come."},
        {"retransmitted bytes", "Their bytes."},
        {"duplicates dropped", "Copies the reliability layer dropped below the application as "
                               "already held."},
        {"control link transmissions",
         "Frames of NAKs, ACKs, repairs and session messages on links."},
        {"control link bytes", "Their bytes."},
        // Ordering
        {"order", "The delivery order the ordering layer enforced: none, fifo or total."},
        {"ordered deliveries / expected",
         "Messages the ordering layer handed to the applications."},
        {"held back at the end", "Messages still waiting for an earlier one when the run ended."},
        {"FIFO violations", "Pairs of one sender's messages a member delivered out of send order."},
        {"total-order disagreements",
         "Pairs of messages two members delivered in different orders (0: total order)."},
        {"hold-back mean (us)",
         "Time a message waited in the ordering layer for earlier ones, mean."},
        {"hold-back max (us)", "The longest wait."},
        {"ordered latency mean (us)", "From the send to delivery in order, mean."},
        {"ordered latency max (us)", "The longest."},
        {"latency price mean (us)",
         "What ordering adds per delivery against the same run without an ordering layer."},
        {"sequencer packets", "Sequenced copies the sequencer (P1) sent for total order."},
        {"sequencer bytes", "Their bytes."},
    };
    return entries;
}

std::string
RowMeaning(const std::string& label)
{
    static const std::map<std::string, std::string> byLabel = []
    {
        std::map<std::string, std::string> m;
        for (const auto& [row, meaning] : Glossary())
        {
            m.emplace(row, meaning);
        }
        return m;
    }();
    auto it = byLabel.find(label);
    return it == byLabel.end() ? "" : it->second;
}

} // namespace gcsim
