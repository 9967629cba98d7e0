#include "app/gui/notice_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace bs::ui {

NoticeBar::NoticeBar(QWidget* parent)
    : QFrame(parent)
    , m_text(new QLabel(this)) {
    setObjectName(QStringLiteral("NoticeBar"));
    setStyleSheet(QStringLiteral("#NoticeBar { background: #fff4ce; border: 1px solid #e0c46c; "
                                 "border-radius: 3px; }"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Hide this notice"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void NoticeBar::showNotice(const QString& text) {
    m_text->setText(text);
    setVisible(!text.isEmpty());
}

QString NoticeBar::text() const {
    return isHidden() ? QString() : m_text->text();
}

} // namespace bs::ui
