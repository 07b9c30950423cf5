#include "ui/PttPage.h"

#include "ui/ChannelKeyList.h"
#include "ui/KeyCaptureButton.h"
#include "ui/LevelMeter.h"
#include "ui/VoiceBackend.h"

#include "input/DBusPttService.h"
#include "input/GlobalKeyBackend.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tenfour::ui {

namespace {
QLabel *wrappingLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setWordWrap(true);
    return l;
}
} // namespace

PttPage::PttPage(VoiceBackend *backend, QWidget *parent)
    : SettingsPage(parent), m_ptt(new QRadioButton(tr("&Push-to-talk"), this)),
      m_vox(new QRadioButton(tr("&Voice activation"), this)), m_key(new KeyCaptureButton(this)),
      m_keyWarning(wrappingLabel(this)), m_mode(new QComboBox(this)), m_modeHelp(wrappingLabel(this)),
      m_tail(new QSpinBox(this)), m_preRoll(new QSpinBox(this)), m_backendStatus(wrappingLabel(this)),
      m_capabilities(wrappingLabel(this)), m_fallbackIntro(wrappingLabel(this)),
      m_fallback(new QPlainTextEdit(this)), m_copy(new QPushButton(tr("&Copy the commands"), this)),
      m_threshold(new QSlider(Qt::Horizontal, this)), m_meter(new LevelMeter(this))
{
    auto *group = new QButtonGroup(this);
    group->addButton(m_ptt);
    group->addButton(m_vox);
    m_mode->addItem(tr("Hold to talk"));
    m_mode->addItem(tr("Click to start, click to stop"));
    m_mode->setAccessibleName(tr("Push-to-talk mode"));
    m_tail->setRange(0, 2000);
    m_tail->setSingleStep(50);
    m_tail->setSuffix(tr(" ms"));
    m_tail->setAccessibleName(tr("Release tail"));
    m_preRoll->setRange(0, 1000);
    m_preRoll->setSingleStep(20);
    m_preRoll->setSuffix(tr(" ms"));
    m_preRoll->setAccessibleName(tr("Pre-roll"));
    m_keyWarning->setAccessibleName(tr("Key warning"));
    m_keyWarning->hide();
    connect(m_key, &KeyCaptureButton::keyChanged, this, &PttPage::updateKeyWarning);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &PttPage::updateModeHelp);

    auto *pttBox = new QGroupBox(tr("Push-to-talk"), this);
    auto *pttForm = new QFormLayout(pttBox);
    pttForm->addRow(tr("&Key:"), m_key);
    pttForm->addRow(QString(), m_keyWarning);
    pttForm->addRow(tr("&Mode:"), m_mode);
    pttForm->addRow(QString(), m_modeHelp);
    pttForm->addRow(tr("Release &tail:"), m_tail);
    pttForm->addRow(tr("P&re-roll:"), m_preRoll);

    // Extra keys that talk on one channel each, in the same mode as the key above.
    auto *channelBox = new QGroupBox(tr("Channel keys"), this);
    auto *channelLay = new QVBoxLayout(channelBox);
    auto *channelHelp = wrappingLabel(channelBox);
    channelHelp->setText(tr("Hold a channel key to talk on that channel of the current server. When "
                            "you are not in it, Tenfour joins it for the talk and leaves it again "
                            "afterwards. The mode above applies."));
    m_channelKeys = new ChannelKeyList(channelBox);
    channelLay->addWidget(channelHelp);
    channelLay->addWidget(m_channelKeys);

    // Where the key is heard from, and the commands to bind where it is not.
    auto *globalBox = new QGroupBox(tr("Global key"), this);
    auto *globalLay = new QVBoxLayout(globalBox);
    m_backendStatus->setAccessibleName(tr("Global key backend"));
    m_capabilities->setAccessibleName(tr("What the global key can do"));
    m_fallback->setReadOnly(true);
    m_fallback->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_fallback->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_fallback->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_fallback->setAccessibleName(tr("Commands to bind to a shortcut"));
    m_fallback->setTabChangesFocus(true);
    m_fallback->setPlainText(fallbackCommands());
    const int lines = int(m_fallback->document()->blockCount());
    m_fallback->setFixedHeight(m_fallback->fontMetrics().lineSpacing() * (lines + 1) +
                               2 * m_fallback->frameWidth() + 8);
    m_fallbackIntro->setBuddy(m_fallback);
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_fallback->toPlainText()); });
    // Windows' opt-in low-level hook, and macOS' Input Monitoring prompt (updatePlatformOptions).
    m_suppress =
        new QCheckBox(tr("&Suppress the key: the program that has focus does not see it"), globalBox);
    m_permissionHelp = wrappingLabel(globalBox);
    m_permissionHelp->setAccessibleName(tr("Permission needed"));
    m_permissionHelp->setText(
        tr("Modifier keys alone (such as Right Ctrl) and mouse buttons need the Input Monitoring "
           "permission; other keys need none. The first time you choose one, macOS asks whether "
           "Tenfour may monitor input: allow it, or later turn Tenfour on under System Settings > "
           "Privacy & Security > Input Monitoring. macOS applies the permission after Tenfour restarts."));
    m_permissionHelp->hide();
    globalLay->addWidget(m_backendStatus);
    globalLay->addWidget(m_capabilities);
    globalLay->addWidget(m_suppress);
    globalLay->addWidget(m_permissionHelp);
    globalLay->addWidget(m_fallbackIntro);
    globalLay->addWidget(m_fallback);
    globalLay->addWidget(m_copy, 0, Qt::AlignLeft);

    const QString cueNames[3] = {tr("Talk-permit &chirp"), tr("&End-of-transmission beep"), tr("&Busy tone")};
    auto *cueBox = new QGroupBox(tr("Audio cues"), this);
    auto *cueForm = new QFormLayout(cueBox);
    for (int i = 0; i < 3; ++i) {
        m_cue[i] = new QCheckBox(cueNames[i], cueBox);
        m_cueVolume[i] = new QSlider(Qt::Horizontal, cueBox);
        m_cueVolume[i]->setRange(0, 100);
        m_cueVolume[i]->setAccessibleName(tr("%1 volume").arg(QString(cueNames[i]).remove(QLatin1Char('&'))));
        connect(m_cue[i], &QCheckBox::toggled, m_cueVolume[i], &QWidget::setEnabled);
        cueForm->addRow(m_cue[i], m_cueVolume[i]);
    }

    auto *voxBox = new QGroupBox(tr("Voice activation"), this);
    auto *voxForm = new QFormLayout(voxBox);
    m_threshold->setRange(-80, 0);
    m_threshold->setAccessibleName(tr("Voice activation threshold"));
    connect(m_threshold, &QSlider::valueChanged, this, [this](int v) { m_meter->setThreshold(float(v)); });
    voxForm->addRow(tr("&Threshold:"), m_threshold);
    voxForm->addRow(tr("Level:"), m_meter);
    if (backend)
        connect(backend, &VoiceBackend::inputLevel, m_meter, &LevelMeter::setLevel);

    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(m_ptt);
    modeRow->addWidget(m_vox);
    modeRow->addStretch();
    auto *lay = new QVBoxLayout(this);
    lay->addLayout(modeRow);
    lay->addWidget(pttBox);
    lay->addWidget(channelBox);
    lay->addWidget(globalBox);
    lay->addWidget(voxBox);
    lay->addWidget(cueBox);
    lay->addStretch();
    connect(m_ptt, &QRadioButton::toggled, this, &PttPage::updateEnabled);
    setGlobalKey(nullptr, {});
    updateModeHelp();
}

QString PttPage::dbusCommand(const QString &method)
{
    return QStringLiteral("dbus-send --session --type=method_call --dest=%1 %2 org.tenfour.PushToTalk.%3")
        .arg(QLatin1String(input::DBusPttService::kServiceName),
             QLatin1String(input::DBusPttService::kObjectPath), method);
}

QString PttPage::fallbackCommands() const
{
    return QStringList{
        QStringLiteral("tenfour --ptt press"),      QStringLiteral("tenfour --ptt release"),
        QStringLiteral("tenfour --ptt toggle"),     dbusCommand(QStringLiteral("StartTalking")),
        dbusCommand(QStringLiteral("StopTalking")), dbusCommand(QStringLiteral("ToggleTalking"))}
        .join(QLatin1Char('\n'));
}

void PttPage::setGlobalKey(input::GlobalKeyBackend *backend, const QStringList &problems)
{
    m_backend = backend;
    m_key->setBackend(backend);
    m_channelKeys->setBackend(backend);
    if (backend) {
        m_backendStatus->setText(tr("Tenfour hears the key while other programs have focus, through %1.")
                                     .arg(KeyCaptureButton::backendName(backend->id())));
        const input::BackendCapabilities c = backend->capabilities();
        const QString yes = tr("yes");
        const QString no = tr("no");
        QStringList lines;
        lines << tr("Modifier keys alone (such as Right Ctrl): %1").arg(c.modifierOnlyKeys ? yes : no);
        lines << tr("Mouse buttons: %1").arg(c.mouseButtons ? yes : no);
        lines << (c.swallowsKey
                      ? tr("The program that has focus does not see the key.")
                      : tr("The program that has focus sees the key too: choose one it does not use."));
        if (c.needsPermission)
            lines << tr("The system asks once for permission to watch the keyboard.");
        m_capabilities->setText(lines.join(QLatin1Char('\n')));
        m_capabilities->show();
        m_fallbackIntro->setText(tr("To talk from a macro tool or a shortcut of your desktop, bind one of "
                                    "these commands:"));
    } else {
        const QString why = problems.isEmpty() ? tr("this desktop offers no way to watch a key for all "
                                                    "programs (for example Wayland without the global "
                                                    "shortcuts portal)")
                                               : problems.join(QStringLiteral("; "));
        m_backendStatus->setText(tr("No global key works here: %1. The key works only while a Tenfour "
                                    "window has focus.")
                                     .arg(why));
        m_capabilities->clear();
        m_capabilities->hide();
        m_fallbackIntro->setText(tr("To talk while other programs have focus, add a shortcut in your "
                                    "desktop's keyboard settings that runs one of these commands (press "
                                    "and release for hold to talk, toggle for one key that starts and "
                                    "stops):"));
    }
    updatePlatformOptions();
    updateKeyWarning();
}

void PttPage::updatePlatformOptions()
{
    const input::BackendCapabilities c = m_backend ? m_backend->capabilities() : input::BackendCapabilities();
    // Kept visible but disabled elsewhere, so the option can be found and its tooltip says why.
    m_suppress->setEnabled(c.canSwallowKey);
    m_suppress->setToolTip(c.canSwallowKey
                               ? tr("Tenfour then watches the keyboard and mouse with a low-level hook "
                                    "instead of Raw Input and keeps the bound key from other programs. "
                                    "The left mouse button is never suppressed.")
                               : tr("A Windows option: only there can Tenfour keep the key from the "
                                    "program that has focus."));
    m_permissionHelp->setVisible(c.needsPermission);
}

QString PttPage::permissionHelp() const
{
    return m_permissionHelp->isHidden() ? QString() : m_permissionHelp->text();
}

QString PttPage::backendStatus() const
{
    return m_backendStatus->text();
}

QString PttPage::capabilitiesText() const
{
    return m_capabilities->text();
}

QString PttPage::keyWarning() const
{
    return m_keyWarning->isHidden() ? QString() : m_keyWarning->text();
}

QString PttPage::modeHelp() const
{
    return m_modeHelp->text();
}

void PttPage::setKeyError(const QString &key, const QString &error)
{
    m_errorKey = key;
    m_keyError = error;
    updateKeyWarning();
}

void PttPage::updateKeyWarning()
{
    // What the backend said when it tried this very key beats what we guess it can do.
    const QString w = !m_keyError.isEmpty() && m_key->key() == m_errorKey ? m_keyError : m_key->warning();
    m_keyWarning->setText(w);
    m_keyWarning->setVisible(!w.isEmpty());
}

void PttPage::updateModeHelp()
{
    if (m_mode->currentIndex() == 1) {
        m_modeHelp->setText(
            tr("Press the key or click the button once to start talking, and again to stop. "
               "\"tenfour --ptt press\" works like the key (\"release\" does nothing). Over D-Bus, "
               "StartTalking always starts, StopTalking always stops and ToggleTalking switches."));
    } else {
        m_modeHelp->setText(
            tr("Talk while the key or the button is held down. \"tenfour --ptt press\" and \"release\", "
               "and the D-Bus calls StartTalking and StopTalking, work like pressing and releasing "
               "the key; \"toggle\" and ToggleTalking start or stop."));
    }
}

void PttPage::updateEnabled()
{
    const bool ptt = m_ptt->isChecked();
    m_key->setEnabled(ptt);
    m_mode->setEnabled(ptt);
    m_channelKeys->setEnabled(ptt);
    m_threshold->setEnabled(!ptt);
}

void PttPage::load(const AppSettings &s)
{
    m_ptt->setChecked(s.activation == AppSettings::Activation::PushToTalk);
    m_vox->setChecked(s.activation == AppSettings::Activation::Voice);
    m_key->setKey(s.pttKey);
    m_mode->setCurrentIndex(s.pttMode == AppSettings::PttMode::Toggle ? 1 : 0);
    m_channelKeys->setKeys(s.channelKeys);
    m_tail->setValue(s.releaseTailMs);
    m_preRoll->setValue(s.preRollMs);
    m_suppress->setChecked(s.pttSuppressKey);
    const bool on[3] = {s.cuePermit, s.cueEnd, s.cueBusy};
    const int vol[3] = {s.cuePermitVolume, s.cueEndVolume, s.cueBusyVolume};
    for (int i = 0; i < 3; ++i) {
        m_cue[i]->setChecked(on[i]);
        m_cueVolume[i]->setValue(vol[i]);
        m_cueVolume[i]->setEnabled(on[i]);
    }
    m_threshold->setValue(s.voiceThresholdDb);
    m_meter->setThreshold(float(s.voiceThresholdDb));
    updateEnabled();
    updateKeyWarning();
    updateModeHelp();
}

void PttPage::save(AppSettings &s) const
{
    s.activation = m_vox->isChecked() ? AppSettings::Activation::Voice : AppSettings::Activation::PushToTalk;
    s.pttKey = m_key->key();
    s.pttMode = m_mode->currentIndex() == 1 ? AppSettings::PttMode::Toggle : AppSettings::PttMode::Hold;
    s.channelKeys = m_channelKeys->keys();
    s.releaseTailMs = m_tail->value();
    s.preRollMs = m_preRoll->value();
    s.pttSuppressKey = m_suppress->isChecked();
    s.cuePermit = m_cue[0]->isChecked();
    s.cueEnd = m_cue[1]->isChecked();
    s.cueBusy = m_cue[2]->isChecked();
    s.cuePermitVolume = m_cueVolume[0]->value();
    s.cueEndVolume = m_cueVolume[1]->value();
    s.cueBusyVolume = m_cueVolume[2]->value();
    s.voiceThresholdDb = m_threshold->value();
}

} // namespace tenfour::ui
