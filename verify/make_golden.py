import sys, json, numpy as np, soundfile as sf
sys.path.insert(0,'/tmp/musicnn-dl/x')
from musicnn import configuration as config
config.BATCH_SIZE = 1000  # all patches in one batch: the package's extractor repeats the first batch's features otherwise
from musicnn.extractor import extractor
pcm=np.fromfile('signal.f32',dtype='<f4')
sf.write('/tmp/scratch/signal.wav', pcm, 16000, subtype='FLOAT')
out={}
for name, model in [('musicnn-msd','MSD_musicnn'),('musicnn-mtt','MTT_musicnn')]:
    taggram, labels, f = extractor('/tmp/scratch/signal.wav', model=model, input_length=3, input_overlap=False, extract_features=True)
    tags=taggram.mean(0); pen=f['penultimate'].mean(0)
    print(name, taggram.shape, [labels[i] for i in np.argsort(-tags)[:5]])
    out[name]={'tags':[round(float(v),7) for v in tags], 'embedding':[round(float(v),6) for v in pen]}
json.dump({'signal':'io.musicrec.jobs.model.VerificationSignal (6.5 s, 16 kHz)','reference':'musicnn 0.1.0 extractor on tensorflow-cpu 2.15.1, librosa 0.10.2.post1, numpy 1.26.4','models':out}, open('golden.json','w'), indent=1)
