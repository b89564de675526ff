package cn.qinglong.dangjian.demo;

import java.util.Random;

/** Plausible Chinese names, drawn from the loader's seeded random. */
final class Names {

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String MALE = "建国军华明强伟平东林海峰志刚永福新春德荣生忠良成文保金兴和";
    private static final String FEMALE = "秀英桂兰玉芳红梅丽娟霞萍敏静美珍凤琴燕云莲芬月华英翠";

    private Names() {
    }

    static String of(Random random, String gender) {
        String given = "M".equals(gender) ? MALE : FEMALE;
        StringBuilder name = new StringBuilder().append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        int length = random.nextInt(100) < 70 ? 2 : 1;
        for (int i = 0; i < length; i++) {
            name.append(given.charAt(random.nextInt(given.length())));
        }
        return name.toString();
    }
}
