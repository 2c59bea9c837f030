#ifndef GCSIM_GOSSIP_VIEW_H
#define GCSIM_GOSSIP_VIEW_H

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * \brief Who a gossiping node may pick as a peer: the peer sampling graph.
 *
 * The population is numbered 0..n-1: 0 is P1, i the group's i-th member in ascending client
 * order. `full`: every other node (uniform over the group, no list kept). `partial`: each
 * node's own view of `viewSize` others drawn uniformly (directed: i may know j while j does
 * not know i). `regular`: a random undirected graph of degree `viewSize`, the union of
 * viewSize / 2 random Hamiltonian cycles and, for an odd size, a random perfect matching
 * (edges drawn twice are kept once, so a rare node has a smaller degree; always connected).
 * `line`, `ring`: i and i +- 1 (the ring closes). `grid`, `torus`: rows of
 * ceil(sqrt(n)) columns filled in order (the last row may be short), neighbours up, down,
 * left and right (the torus wraps both ways, over the rows and columns that exist).
 */
class GossipView
{
public:
    enum Kind
    {
        FULL,
        PARTIAL,
        REGULAR,
        LINE,
        RING,
        GRID,
        TORUS,
    };

    /// The kinds by name, in the order help texts list them.
    static const std::vector<std::pair<std::string, Kind>>& Names();
    static std::optional<Kind> Parse(const std::string& name);
    static std::string Name(Kind kind);
    /// Whether i knowing j means j knows i (lazy push's prunes and grafts need it).
    static bool Symmetric(Kind kind);

    /// Draws the graph of \p kind over \p n nodes from \p seed (partial, regular).
    GossipView(Kind kind, uint32_t n, uint32_t viewSize, uint64_t seed);

    Kind GetKind() const;
    uint32_t Size() const;
    /// Node i's peers (all others for `full`).
    uint32_t Degree(uint32_t i) const;
    /// Node i's j-th peer, 0 <= j < Degree(i).
    uint32_t Peer(uint32_t i, uint32_t j) const;
    /// Up to \p count distinct peers of \p i, uniformly, into \p out (cleared first).
    void Pick(uint32_t i, uint32_t count, std::mt19937_64& rng, std::vector<uint32_t>& out) const;
    /// The number of undirected edges (full: n (n - 1) / 2).
    uint64_t Edges() const;

private:
    void Add(uint32_t a, uint32_t b);
    void DrawRegular(uint32_t degree, std::mt19937_64& rng);
    void Lattice(bool wrap);
    void Compress();

    Kind m_kind;
    uint32_t m_n;
    std::vector<std::vector<uint32_t>> m_building; //!< adjacency while drawing
    std::vector<uint32_t> m_offset; //!< CSR: node i's peers at [offset[i], offset[i+1])
    std::vector<uint32_t> m_peers;
};

} // namespace gcsim
} // namespace ns3

#endif
