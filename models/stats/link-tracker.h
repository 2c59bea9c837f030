#ifndef GCSIM_LINK_TRACKER_H
#define GCSIM_LINK_TRACKER_H

#include "../network/network.h"
#include "statistics.h"

#include <map>
#include <ns3/mac48-address.h>
#include <ns3/packet.h>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// What a LinkTracker counted over one run.
struct LinkCounts
{
    uint64_t frames{0};         //!< frames put on any link (all traffic)
    uint64_t bytes{0};          //!< their bytes on the wire (link headers and padding included)
    uint64_t coreFrames{0};     //!< of frames, those on core links (no host at either end)
    uint64_t messageFrames{0};  //!< of which carried a group message
    uint64_t messageBytes{0};   //!< their bytes
    uint64_t serverFrames{0};   //!< frames P1's devices put on their links
    uint64_t serverBytes{0};    //!< their bytes
    uint64_t queueDrops{0};     //!< device queue overflows (MacTxDrop, or the traffic-control layer
                                //!< refusing a packet while the device queue is full)
    uint64_t linkDrops{0};      //!< frames a device gave up on (PhyTxDrop: CSMA backoff limit)
    uint64_t queueDiscDrops{0}; //!< traffic-control queue disc drops
    uint64_t lossDrops{0};      //!< frames lossy links lost at a receiver that would take them in
    double stressMean{0};       //!< mean over (message, link used) of copies carried
    uint64_t stressMax{0};      //!< max of the same
};

/**
 * \brief Counts every frame every device puts on a link, and every frame a device drops.
 *
 * A frame counts when its transmission ends (PhyTxEnd); a frame a lossy link lost (FrameLoss)
 * counts against the device that sent it. Frames that carry a group message
 * (GroupMessageTag) also count towards link stress: copies of one message on one link.
 */
class LinkTracker
{
public:
    explicit LinkTracker(const Network& network);

    /// The links.csv header row.
    static const char* CsvHeader();
    /// Writes one links.csv row per (link, transmitting device).
    void WriteCsv(std::ostream& csv, const std::string& mode) const;
    LinkCounts Finish() const;

private:
    struct End
    {
        std::size_t link;
        std::string from;
        std::string to;
        bool server;
        bool core;         //!< the link joins routers (or switches) only
        bool radio{false}; //!< an 802.11 medium: data frames count, control and management not
        uint64_t frames{0};
        uint64_t bytes{0};
        uint64_t lost{0}; //!< copies of its frames lost at receivers
    };
    void OnTxEnd(std::size_t end, Ptr<const Packet> frame);
    /// A receiver on \p link lost \p frame, sent by end \p sender of the link (or, on a shared
    /// segment, by the end whose MAC \p frame carries).
    void OnLost(std::size_t link, std::size_t sender, Ptr<const Packet> frame);

    std::vector<std::string> m_linkNames;
    std::vector<End> m_ends;
    std::vector<std::size_t> m_firstEnd; //!< per link, the index of its first end in m_ends
    std::vector<std::map<Mac48Address, std::size_t>> m_macs; //!< per lossy segment: MAC -> end
    LinkCounts m_counts;
    std::map<std::pair<uint32_t, std::size_t>, uint32_t> m_copies; //!< (message, link) -> copies
};

} // namespace gcsim
} // namespace ns3

#endif
