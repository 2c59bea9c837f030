#include "gossip-view.h"

#include <algorithm>
#include <cmath>
#include <ns3/log.h>
#include <numeric>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimGossipView");

const std::vector<std::pair<std::string, GossipView::Kind>>&
GossipView::Names()
{
    static const std::vector<std::pair<std::string, Kind>> names = {
        {"full", FULL}, {"partial", PARTIAL}, {"regular", REGULAR}, {"line", LINE},
        {"ring", RING}, {"grid", GRID},       {"torus", TORUS},
    };
    return names;
}

std::optional<GossipView::Kind>
GossipView::Parse(const std::string& name)
{
    for (const auto& [n, kind] : Names())
    {
        if (n == name)
        {
            return kind;
        }
    }
    return std::nullopt;
}

std::string
GossipView::Name(Kind kind)
{
    for (const auto& [n, k] : Names())
    {
        if (k == kind)
        {
            return n;
        }
    }
    return "?";
}

bool
GossipView::Symmetric(Kind kind)
{
    return kind != PARTIAL;
}

namespace
{

/// A uniform integer in [0, n) from \p rng: the same on every platform (no distribution
/// object, whose algorithm the standard leaves open).
uint32_t
Below(std::mt19937_64& rng, uint32_t n)
{
    return static_cast<uint32_t>(rng() % n);
}

/// A uniformly shuffled 0..n-1 (Fisher-Yates with Below).
std::vector<uint32_t>
Permutation(uint32_t n, std::mt19937_64& rng)
{
    std::vector<uint32_t> p(n);
    std::iota(p.begin(), p.end(), 0);
    for (uint32_t i = n; i > 1; --i)
    {
        std::swap(p[i - 1], p[Below(rng, i)]);
    }
    return p;
}

} // namespace

GossipView::GossipView(Kind kind, uint32_t n, uint32_t viewSize, uint64_t seed)
  : m_kind(kind)
  , m_n(n)
{
    std::mt19937_64 rng(seed);
    if (kind == FULL || n < 2)
    {
        return;
    }
    m_building.assign(n, {});
    switch (kind)
    {
        case PARTIAL:
        {
            uint32_t size = std::min(viewSize, n - 1);
            std::vector<uint32_t> out;
            for (uint32_t i = 0; i < n; ++i)
            {
                // Every other node is equally likely: draw from n - 1 and step over i.
                while (m_building[i].size() < size)
                {
                    uint32_t j = Below(rng, n - 1);
                    j += j >= i ? 1 : 0;
                    if (std::find(m_building[i].begin(), m_building[i].end(), j) ==
                        m_building[i].end())
                    {
                        m_building[i].push_back(j);
                    }
                }
            }
            break;
        }
        case REGULAR:
            DrawRegular(std::min(viewSize, n - 1), rng);
            break;
        case LINE:
        case RING:
            for (uint32_t i = 0; i + 1 < n; ++i)
            {
                Add(i, i + 1);
            }
            if (kind == RING && n > 2)
            {
                Add(n - 1, 0);
            }
            break;
        default:
            Lattice(kind == TORUS);
            break;
    }
    Compress();
}

void
GossipView::Add(uint32_t a, uint32_t b)
{
    if (a == b || std::find(m_building[a].begin(), m_building[a].end(), b) != m_building[a].end())
    {
        return;
    }
    m_building[a].push_back(b);
    m_building[b].push_back(a);
}

void
GossipView::DrawRegular(uint32_t degree, std::mt19937_64& rng)
{
    for (uint32_t c = 0; c < degree / 2; ++c)
    {
        std::vector<uint32_t> p = Permutation(m_n, rng);
        for (uint32_t i = 0; i < m_n; ++i)
        {
            Add(p[i], p[(i + 1) % m_n]);
        }
    }
    if (degree % 2 == 1)
    {
        std::vector<uint32_t> p = Permutation(m_n, rng);
        for (uint32_t i = 0; i + 1 < m_n; i += 2)
        {
            Add(p[i], p[i + 1]);
        }
    }
}

void
GossipView::Lattice(bool wrap)
{
    auto columns = static_cast<uint32_t>(std::ceil(std::sqrt(double(m_n))));
    uint32_t rows = (m_n + columns - 1) / columns;
    auto at = [&](uint32_t r, uint32_t c) { return r * columns + c; };
    for (uint32_t i = 0; i < m_n; ++i)
    {
        uint32_t r = i / columns;
        uint32_t c = i % columns;
        // The row and column as they exist: the last row may be short.
        uint32_t rowLength = std::min(columns, m_n - r * columns);
        uint32_t columnHeight = rows - (at(rows - 1, c) >= m_n ? 1 : 0);
        if (c + 1 < rowLength)
        {
            Add(i, i + 1);
        }
        else if (wrap && rowLength > 2)
        {
            Add(i, at(r, 0));
        }
        if (r + 1 < columnHeight)
        {
            Add(i, at(r + 1, c));
        }
        else if (wrap && columnHeight > 2)
        {
            Add(i, at(0, c));
        }
    }
}

void
GossipView::Compress()
{
    m_offset.assign(m_n + 1, 0);
    for (uint32_t i = 0; i < m_n; ++i)
    {
        m_offset[i + 1] = m_offset[i] + static_cast<uint32_t>(m_building[i].size());
    }
    m_peers.reserve(m_offset[m_n]);
    for (auto& list : m_building)
    {
        m_peers.insert(m_peers.end(), list.begin(), list.end());
    }
    m_building.clear();
    m_building.shrink_to_fit();
}

GossipView::Kind
GossipView::GetKind() const
{
    return m_kind;
}

uint32_t
GossipView::Size() const
{
    return m_n;
}

uint32_t
GossipView::Degree(uint32_t i) const
{
    if (m_kind == FULL || m_offset.empty())
    {
        return m_kind == FULL && m_n > 0 ? m_n - 1 : 0;
    }
    return m_offset[i + 1] - m_offset[i];
}

uint32_t
GossipView::Peer(uint32_t i, uint32_t j) const
{
    if (m_kind == FULL)
    {
        return j >= i ? j + 1 : j;
    }
    return m_peers[m_offset[i] + j];
}

void
GossipView::Pick(uint32_t i, uint32_t count, std::mt19937_64& rng, std::vector<uint32_t>& out) const
{
    out.clear();
    uint32_t degree = Degree(i);
    if (count >= degree)
    {
        for (uint32_t j = 0; j < degree; ++j)
        {
            out.push_back(Peer(i, j));
        }
        return;
    }
    // Few picks out of many: draw and redraw a repeat (count is small next to degree, or
    // the branch above took it).
    while (out.size() < count)
    {
        uint32_t peer = Peer(i, Below(rng, degree));
        if (std::find(out.begin(), out.end(), peer) == out.end())
        {
            out.push_back(peer);
        }
    }
}

uint64_t
GossipView::Edges() const
{
    if (m_kind == FULL)
    {
        return uint64_t(m_n) * (m_n > 0 ? m_n - 1 : 0) / 2;
    }
    uint64_t ends = m_offset.empty() ? 0 : m_offset[m_n];
    return m_kind == PARTIAL ? ends : ends / 2;
}

} // namespace gcsim
} // namespace ns3
