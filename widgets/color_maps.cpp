#include "widgets/color_maps.h"

#include <qcustomplot.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace bs::ui {

namespace {

// viridis sampled at 0, 0.1, ..., 1 (matplotlib's _viridis_data).
constexpr std::array<QRgb, 11> kViridis = {0x440154, 0x482475, 0x414487, 0x355f8d,
                                           0x2a788e, 0x21918c, 0x22a884, 0x44bf70,
                                           0x7ad151, 0xbddf26, 0xfde725};

constexpr std::array<QRgb, 10> kTableau10 = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
                                             0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};

} // namespace

QCPColorGradient viridisGradient() {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    for (size_t k = 0; k < kViridis.size(); ++k)
        gradient.setColorStopAt(double(k) / double(kViridis.size() - 1), QColor(kViridis[k]));
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    gradient.setLevelCount(256);
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(QColor(0xe4, 0xe4, 0xe4));
    return gradient;
}

QColor viridisColor(double t) {
    t = std::clamp(std::isnan(t) ? 0.0 : t, 0.0, 1.0);
    const double scaled = t * double(kViridis.size() - 1);
    const size_t k = std::min(size_t(scaled), kViridis.size() - 2);
    const double f = scaled - double(k);
    const QColor a(kViridis[k]), b(kViridis[k + 1]);
    return QColor::fromRgbF(float(a.redF() + f * (b.redF() - a.redF())),
                            float(a.greenF() + f * (b.greenF() - a.greenF())),
                            float(a.blueF() + f * (b.blueF() - a.blueF())));
}

std::vector<QColor> modelColors(size_t n) {
    std::vector<QColor> colors;
    colors.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        if (i < kTableau10.size()) {
            colors.emplace_back(kTableau10[i]);
        } else {
            const double hue = std::fmod(0.13 + double(i) * 0.618033988749895, 1.0);
            colors.push_back(QColor::fromHsvF(float(hue), 0.55f, 0.80f));
        }
    }
    return colors;
}

QColor withinTopColor() {
    return QColor(0x2a, 0x9d, 0x5c);
}
QColor withinBottomColor() {
    return QColor(0xd6, 0x5f, 0x2a);
}
QColor acrossColor() {
    return QColor(0x4e, 0x79, 0xa7);
}

} // namespace bs::ui
