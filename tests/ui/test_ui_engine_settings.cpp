// The settings dialog's audio values reach the engine live through EngineVoiceBackend:
// noise suppression, AGC, input gain, voice activation and threshold on the transmitter, the
// output volume and the three cues on the mixer; and they survive an engine rebuild (the
// microphone moving to another session).

#include "ui/EngineVoiceBackend.h"
#include "ui/EngineVoiceSession.h"

#include "audio/PlayoutMixer.h"
#include "engine/Transmitter.h"

#include <QtTest>

using namespace tenfour;
using Cue = audio::CuePlayer::Cue;

class TestUiEngineSettings : public QObject {
    Q_OBJECT

    static void check(engine::VoiceEngine *e, const ui::AppSettings &s)
    {
        QVERIFY(e);
        const audio::VoiceProcessor::Settings p = e->transmitter()->processing();
        QCOMPARE(p.noiseSuppression, s.noiseSuppression);
        QCOMPARE(p.autoGain, s.autoGain);
        QCOMPARE(p.inputGainDb, s.inputGainDb);
        QCOMPARE(e->transmitter()->voiceActivation(), s.activation == ui::AppSettings::Activation::Voice);
        QCOMPARE(e->transmitter()->voiceThresholdDb(), s.voiceThresholdDb);
        QCOMPARE(e->mixer()->masterVolume(), float(s.outputVolume) / 100.0f);
        audio::CuePlayer &c = e->mixer()->cues();
        QCOMPARE(c.enabled(Cue::Permit), s.cuePermit);
        QCOMPARE(c.volume(Cue::Permit), s.cuePermitVolume);
        QCOMPARE(c.enabled(Cue::End), s.cueEnd);
        QCOMPARE(c.volume(Cue::End), s.cueEndVolume);
        QCOMPARE(c.enabled(Cue::Busy), s.cueBusy);
        QCOMPARE(c.volume(Cue::Busy), s.cueBusyVolume);
    }

private Q_SLOTS:
    void settingsApplyLiveAndSurviveRebuilds()
    {
        ui::EngineVoiceBackend backend;
        ui::AppSettings s; // the defaults first, as the app starts
        backend.applySettings(s);
        auto *a = static_cast<ui::EngineVoiceSession *>(backend.createSession(&backend));
        auto *b = static_cast<ui::EngineVoiceSession *>(backend.createSession(&backend));
        check(a->engine(), s);
        QVERIFY(a->engine()->transmitter()->processing().noiseSuppression); // app default: on

        // The dialog's OK/Apply, while the engines exist: applied in place (same engine).
        engine::VoiceEngine *before = a->engine();
        s.noiseSuppression = false;
        s.autoGain = false;
        s.inputGainDb = 7;
        s.activation = ui::AppSettings::Activation::Voice;
        s.voiceThresholdDb = -33;
        s.outputVolume = 40;
        s.cuePermit = false;
        s.cueEndVolume = 25;
        s.cueBusyVolume = 90;
        backend.applySettings(s);
        QCOMPARE(a->engine(), before);
        check(a->engine(), s);
        check(b->engine(), s);

        // The microphone moves to b: its engine is rebuilt from the same configuration.
        backend.makeTalker(b);
        check(b->engine(), s);
        check(a->engine(), s);
    }
};

QTEST_GUILESS_MAIN(TestUiEngineSettings)
#include "test_ui_engine_settings.moc"
