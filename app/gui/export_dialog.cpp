#include "app/gui/export_dialog.h"

#include "app/gui/settings.h"
#include "widgets/exportable_view.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace bs::ui {

ExportDialog::ExportDialog(std::vector<Entry> views, int current, ExportFormat format,
                           Settings* settings, const QString& baseName, QWidget* parent)
    : QDialog(parent)
    , m_views(std::move(views))
    , m_settings(settings)
    , m_baseName(baseName)
    , m_view(new QComboBox(this))
    , m_format(new QComboBox(this))
    , m_width(new QSpinBox(this))
    , m_height(new QSpinBox(this))
    , m_dpi(new QSpinBox(this))
    , m_physical(new QLabel(this))
    , m_path(new QLineEdit(this))
    , m_error(new QLabel(this)) {
    setWindowTitle(tr("Export View"));
    for (const Entry& entry : m_views)
        m_view->addItem(entry.title);
    m_view->setCurrentIndex(std::clamp(current, 0, int(m_views.size()) - 1));
    m_format->addItem(tr("PNG image"), int(ExportFormat::Png));
    m_format->addItem(tr("SVG vector image"), int(ExportFormat::Svg));
    m_format->addItem(tr("PDF document"), int(ExportFormat::Pdf));
    m_format->addItem(tr("CSV data"), int(ExportFormat::Csv));
    m_format->setCurrentIndex(m_format->findData(int(format)));
    for (QSpinBox* box : {m_width, m_height}) {
        box->setRange(16, 20000);
        box->setSuffix(tr(" px"));
    }
    m_dpi->setRange(24, 2400);
    m_dpi->setSuffix(tr(" dpi"));
    const QSize size = settings->exportSize();
    m_width->setValue(size.width());
    m_height->setValue(size.height());
    m_dpi->setValue(settings->exportDpi());
    m_dpi->setToolTip(tr("Fonts keep their point size: a higher DPI makes text relatively "
                         "larger, as when printing the figure at its physical size"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
    sizeRow->addWidget(m_height);
    sizeRow->addSpacing(12);
    sizeRow->addWidget(m_dpi);
    sizeRow->addStretch(1);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("View:"), m_view);
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Size:"), sizeRow);
    form->addRow(QString(), m_physical);
    form->addRow(tr("File:"), pathRow);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export To"), m_path->text());
        if (!path.isEmpty())
            m_path->setText(path);
    });
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateSuffix);
    connect(m_view, &QComboBox::currentIndexChanged, this, [this] {
        m_path->clear();
        updateSuffix();
    });
    for (QSpinBox* box : {m_width, m_height, m_dpi})
        connect(box, &QSpinBox::valueChanged, this, &ExportDialog::updateSizeHint);
    updateSuffix();
    updateSizeHint();
    resize(560, sizeHint().height());
}

void ExportDialog::updateSuffix() {
    const auto format = ExportFormat(m_format->currentData().toInt());
    const bool image = format != ExportFormat::Csv;
    for (QWidget* w : {static_cast<QWidget*>(m_width), static_cast<QWidget*>(m_height),
                       static_cast<QWidget*>(m_dpi), static_cast<QWidget*>(m_physical)})
        w->setEnabled(image);
    QString path = m_path->text();
    if (path.isEmpty()) {
        QString folder = m_settings->lastDirectory();
        if (folder.isEmpty())
            folder = QDir::homePath();
        const int index = m_view->currentIndex();
        const QString name = index >= 0 && index < int(m_views.size())
                                 ? m_views[size_t(index)].view->exportName()
                                 : QStringLiteral("view");
        path = QDir(folder).filePath(m_baseName + QLatin1Char('-') + name);
    } else {
        const QFileInfo info(path);
        path = info.dir().filePath(info.completeBaseName());
    }
    m_path->setText(path + QLatin1Char('.') + exportFormatSuffix(format));
}

void ExportDialog::updateSizeHint() {
    const double w = m_width->value() / double(m_dpi->value());
    const double h = m_height->value() / double(m_dpi->value());
    m_physical->setText(tr("%1 × %2 in (%3 × %4 cm) when printed at this resolution")
                            .arg(w, 0, 'f', 2)
                            .arg(h, 0, 'f', 2)
                            .arg(w * 2.54, 0, 'f', 1)
                            .arg(h * 2.54, 0, 'f', 1));
}

void ExportDialog::accept() {
    const int index = m_view->currentIndex();
    if (index < 0 || index >= int(m_views.size()))
        return;
    QString path = m_path->text().trimmed();
    const auto format = ExportFormat(m_format->currentData().toInt());
    if (exportFormatForPath(path) != format || QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + exportFormatSuffix(format);
    ExportOptions options;
    options.pixelSize = QSize(m_width->value(), m_height->value());
    options.dpi = m_dpi->value();
    const QString error = exportView(*m_views[size_t(index)].view, path, options);
    if (!error.isEmpty()) {
        m_error->setText(error);
        return;
    }
    m_settings->setExportSize(options.pixelSize);
    m_settings->setExportDpi(options.dpi);
    m_settings->setLastDirectory(QFileInfo(path).path());
    m_written = path;
    QDialog::accept();
}

} // namespace bs::ui
