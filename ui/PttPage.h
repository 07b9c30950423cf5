#pragma once
// Push-to-talk key and mode, release tail, pre-roll, the audio cues with their volumes, and
// voice activation as the alternative (threshold shown on the live meter). It also says which
// global-key backend listens and what it can do, and where none works, which commands to bind
// in the desktop's own shortcut settings instead (`tenfour --ptt`, D-Bus).

#include "ui/SettingsPage.h"

#include "input/GlobalKeyBackend.h"

#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSlider;
class QSpinBox;

namespace tenfour::ui {

class ChannelKeyList;
class KeyCaptureButton;
class LevelMeter;
class VoiceBackend;

class PttPage : public SettingsPage {
    Q_OBJECT
public:
    explicit PttPage(VoiceBackend *backend, QWidget *parent = nullptr);
    QString title() const override { return tr("Push-to-talk"); }
    QString iconPath() const override { return QStringLiteral(":/icons/ptt.svg"); }
    void load(const AppSettings &s) override;
    void save(AppSettings &s) const override;

    // The backend in use (null: none works here) and why the others could not start.
    void setGlobalKey(input::GlobalKeyBackend *backend, const QStringList &problems);
    // The backend refused to bind key (portable form): shown as the key warning while that
    // key is chosen. An empty error: the key works.
    void setKeyError(const QString &key, const QString &error);

    KeyCaptureButton *keyButton() const { return m_key; }
    // "Suppress the key": enabled only where the backend can (capabilities().canSwallowKey).
    QCheckBox *suppressKeyBox() const { return m_suppress; }
    // The Input Monitoring explanation, while the backend needsPermission; else empty.
    QString permissionHelp() const;
    ChannelKeyList *channelKeyList() const { return m_channelKeys; }
    // What the page says, for tests and screen readers.
    QString backendStatus() const;
    QString capabilitiesText() const;
    QString keyWarning() const;
    QString modeHelp() const;
    // The commands to bind where no global key works, one a line.
    QString fallbackCommands() const;

    static QString dbusCommand(const QString &method);

private:
    void updateEnabled();
    void updateKeyWarning();
    void updateModeHelp();
    void updatePlatformOptions();

    QRadioButton *m_ptt;
    QRadioButton *m_vox;
    KeyCaptureButton *m_key;
    QLabel *m_keyWarning;
    QComboBox *m_mode;
    QLabel *m_modeHelp;
    QSpinBox *m_tail;
    QSpinBox *m_preRoll;
    QLabel *m_backendStatus;
    QLabel *m_capabilities;
    QCheckBox *m_suppress = nullptr;
    QLabel *m_permissionHelp = nullptr;
    QLabel *m_fallbackIntro;
    QPlainTextEdit *m_fallback;
    QPushButton *m_copy;
    QCheckBox *m_cue[3];
    QSlider *m_cueVolume[3];
    QSlider *m_threshold;
    LevelMeter *m_meter;
    QPointer<input::GlobalKeyBackend> m_backend;
    QString m_errorKey;
    QString m_keyError;
    ChannelKeyList *m_channelKeys = nullptr; // per-channel keys ("key -> channel")
};

} // namespace tenfour::ui
